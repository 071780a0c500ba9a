// Waits for Stop (SIGINT becomes Stop) and returns Aborted; says "ready" on stderr first.
#include <iostream>

#include "programs.hpp"

lc::message waiter(lc::channel& self) {
  std::cerr << "ready" << std::endl;
  for (;;) {
    auto m = self.input();
    if (m.is<lc::Stop>()) return lc::Aborted{};
  }
}

int main(int argc, char** argv) { return lc::run(waiter, argc, argv); }
