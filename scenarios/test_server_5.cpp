// test_server_5: a process per request, the server waiting for each one. Requests that arrive
// meanwhile are saved and served next, one at a time.
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
      auto client_address = self.return_address();
      self.create<lc::ProcessObject>(texture_process, texture_settings{.x = xy->x, .y = xy->y});
      auto s = self.select<lc::Returned, lc::Stop>(lc::saving<Xy>{});
      if (s.m.is<lc::Stop>()) return lc::Aborted{};
      self.send(s.m.get<lc::Returned>()->message, client_address);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
