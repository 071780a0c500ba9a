#include "lc_harness/fault_check.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

// lc-relay answers 502 at once when its worker is gone and never restarts it: fast error
// replies pass the scenario 7 verdict, and the missing recovery fails the scenario 8 one.
TEST(fault_check, a_lost_worker_gives_fast_error_replies_but_no_recovery) {
  load_options o;
  o.connections = 4;
  o.duration = std::chrono::milliseconds(1500);
  o.timeout = std::chrono::milliseconds(2000);
  const auto no_recovery_needed = check_fault(test::command_for("lc-relay"), o, false);
  EXPECT_TRUE(no_recovery_needed.check.passed) << no_recovery_needed.check.detail;
  EXPECT_GT(no_recovery_needed.failed_after_kill, 0u);
  EXPECT_LT(no_recovery_needed.slowest_failure_ms, 1000);
  const auto recovery_needed = check_fault(test::command_for("lc-relay"), o, true);
  EXPECT_FALSE(recovery_needed.check.passed) << recovery_needed.check.detail;
}

TEST(fault_check, a_server_without_workers_fails_the_step) {
  load_options o;
  o.connections = 2;
  o.duration = std::chrono::milliseconds(500);
  const auto r = check_fault(test::command_for("lc-static-responder"), o, false);
  EXPECT_FALSE(r.check.passed);
  EXPECT_NE(r.check.detail.find("no worker child"), std::string::npos) << r.check.detail;
}
