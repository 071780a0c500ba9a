#include "lc/host_directory.hpp"

#include "host_listings.hpp"
#include "lc/listen_connect.hpp"

namespace lc {

message host_directory(channel& self, const HostPort& accept_at) {
  detail::host_listings tables(self);
  listen(self, accept_at);
  for (;;) {
    message m = self.input();
    if (m.get<Stop>()) return Aborted{};
    if (auto* n = m.get<NotListening>()) return *n;
    if (auto* l = m.get<Listening>()) {
      self.console("Listening for directories at " + l->listening_ipp.host + ":" +
                   std::to_string(l->listening_ipp.port));
    } else if (auto* a = m.get<Accepted>()) {
      tables.connected(a->proxy_address);
    } else if (m.get<Closed>()) {
      tables.disconnected(self.return_address());
    } else {
      tables.receive(m, address(self.return_address().local_id()));
    }
  }
}

}  // namespace lc
