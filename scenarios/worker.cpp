#include "worker.hpp"

#include "texture.hpp"

lc::message worker(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (auto* xy = m.get<Xy>()) {
      self.reply(texture(xy->x, xy->y));
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

namespace {
const bool named = (lc::bind(&worker, "worker"), true);
}
