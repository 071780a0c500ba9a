#pragma once
// main() for a process whose main object is `function`, named after it in the logs (the
// reference's `if __name__ == '__main__': lc.create(server)`):  LC_MAIN(server)
// Started as a library child (--connect-to-directory), the process also serves its parent.
#include "lc/entry_point.hpp"

namespace lc::detail {
// Gives the entry point what the process layer adds: serving a parent, waiting for children.
void install_process_hooks();
}  // namespace lc::detail

#define LC_MAIN(function)                         \
  int main(int argc, char** argv) {               \
    ::lc::detail::install_process_hooks();        \
    ::lc::bind(function, #function);              \
    return ::lc::run(function, argc, argv);       \
  }
