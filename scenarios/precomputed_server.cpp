// precomputed_server: scenario 1 with each table made once, so a request costs only the runtime's
// HTTP path and the reply's encoding. The harness measures it against its static responder, a
// bare Beast server sending the same bytes (the runtime's target is 0.8 of it):
//   lc-harness --scenarios 1 --server-cmd 'build/release/bin/precomputed_server --server-address={address}'
#include <map>

#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "texture.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  std::map<std::pair<std::int64_t, std::int64_t>, lc::message> tables;
  for (;;) {
    m = self.input();
    if (auto* xy = m.get<Xy>()) {
      auto& table = tables[{xy->x, xy->y}];
      if (!table) table = lc::message(texture(xy->x, xy->y));
      self.reply(table);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
