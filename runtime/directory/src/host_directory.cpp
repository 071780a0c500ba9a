#include "lc/host_directory.hpp"

#include "host_listings.hpp"
#include "lc/listen_connect.hpp"

namespace lc {

namespace {

message run_directory(channel& self, const HostPort& accept_at, ScopeOfDirectory scope, const address& tell) {
  detail::host_listings tables(self, scope);
  listen(self, accept_at);
  for (;;) {
    message m = self.input();
    if (m.get<Stop>()) return Aborted{};
    if (auto* n = m.get<NotListening>()) {
      if (tell) self.send(m, tell);
      return *n;
    }
    if (auto* l = m.get<Listening>()) {
      self.console("Listening for directories at " + l->listening_ipp.host + ":" +
                   std::to_string(l->listening_ipp.port));
      if (tell) self.send(m, tell);
    } else if (auto* a = m.get<Accepted>()) {
      tables.connected(a->proxy_address);
    } else if (m.get<Closed>()) {
      tables.disconnected(self.return_address());
    } else {
      tables.receive(m, address(self.return_address().local_id()));
    }
  }
}

}  // namespace

message host_directory(channel& self, const HostPort& accept_at) {
  return run_directory(self, accept_at, ScopeOfDirectory::HOST, {});
}

message group_directory(channel& self, address parent) {
  return run_directory(self, HostPort{"127.0.0.1", 0}, ScopeOfDirectory::GROUP, parent);
}

}  // namespace lc
