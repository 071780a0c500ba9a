// lc_test_slow_library: echo_worker as a library child that takes a second to start, so that a
// test can reach its parent's back-channel port before the child does.
#include <chrono>
#include <thread>

#include "echo_worker.hpp"
#include "lc/main.hpp"

int main(int argc, char** argv) {
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the slow start under test
  lc::detail::install_process_hooks();
  lc::bind(echo_worker, "echo_worker");
  return lc::run(echo_worker, argc, argv);
}
