// A status kept for a reaped process must not be taken for a new child that got the same pid:
// in a full run pids wrap, and a fresh server was reported "exited (wait status 9)" from the
// status of an orphan killed long before.
#include "lc_harness/child_reaper.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using lc::harness::exit_status;
using lc::harness::fork_fresh;
using lc::harness::wait_for_exit;

pid_t paused_child() {
  const pid_t pid = fork_fresh();
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  return pid;
}

// Asks the kernel for `pid` as the next pid (root only); false when it cannot.
bool next_pid_is(pid_t pid) {
  std::ofstream last("/proc/sys/kernel/ns_last_pid");
  last << pid - 1;
  last.flush();
  return static_cast<bool>(last);
}

TEST(child_reaper, a_new_child_with_a_reused_pid_is_not_given_the_old_ones_exit_status) {
  const pid_t first = paused_child();
  ASSERT_GT(first, 0);
  ::kill(first, SIGKILL);
  ASSERT_TRUE(wait_for_exit(first, std::chrono::steady_clock::now() + 10s));
  pid_t again = -1;
  for (int attempt = 0; attempt < 50 && again != first; ++attempt) {
    if (!next_pid_is(first)) GTEST_SKIP() << "cannot choose the next pid here (needs root)";
    again = paused_child();
    ASSERT_GT(again, 0);
    if (again != first) {
      ::kill(again, SIGKILL);
      wait_for_exit(again, std::chrono::steady_clock::now() + 10s);
    }
  }
  if (again != first) GTEST_SKIP() << "another process took the pid each time";
  EXPECT_FALSE(exit_status(again).has_value()) << "the running child was reported as exited";
  ::kill(again, SIGKILL);
  auto status = wait_for_exit(again, std::chrono::steady_clock::now() + 10s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(WIFSIGNALED(*status));
}

}  // namespace
