// test_server_2: a thread per request; the reply goes out from an on_return callback.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "texture_thread.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  // Open a network port for HTTP clients, e.g. curl.
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  // Run a live network service.
  for (;;) {
    m = self.input();
    if (auto* xy = m.get<Xy>()) {
      auto a = self.create(texture_thread, xy->x, xy->y);
      self.on_return(a, [client = self.return_address()](lc::object& self, const lc::message& table) {
        self.send(table, client);
      });
    } else if (m.is<lc::Returned>()) {
      self.handle_returned(m);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
