// test_server_6: a process per request, with callbacks: requests run concurrently.
#include "lc/lc.hpp"
#include "lc/process_object.hpp"
#include "server_settings.hpp"
#include "texture_process.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  // Open a network port for HTTP clients, e.g. curl.
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  // Run a live network service.
  for (;;) {
    m = self.input();
    if (auto* xy = m.get<Xy>()) {
      auto a = self.create<lc::ProcessObject>(texture_process, texture_settings{.x = xy->x, .y = xy->y});
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
