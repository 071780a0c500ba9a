// test_server_1: texture() called inline; one request at a time.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "texture.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  // Open a network port for HTTP clients, e.g. curl.
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  // Run a live network service.
  for (;;) {
    m = self.input();
    if (auto* xy = m.get<Xy>()) {
      self.reply(texture(xy->x, xy->y));
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
