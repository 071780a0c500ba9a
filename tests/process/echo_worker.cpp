#include "echo_worker.hpp"

#include "lc/messages.hpp"

lc::message echo_worker(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.is<lc::Stop>()) return lc::Aborted{};
    self.reply(m);
  }
}
