#include "echo_worker.hpp"

#include <vector>

#include "lc/message.hpp"
#include "lc/messages.hpp"

LC_TYPE(std::vector<std::vector<double>>)  // tables travel through it too

lc::message echo_worker(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.is<lc::Stop>()) return lc::Aborted{};
    self.reply(m);
  }
}
