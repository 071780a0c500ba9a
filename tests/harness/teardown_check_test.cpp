#include "lc_harness/teardown_check.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

namespace {
load_options light_load() {
  load_options o;
  o.connections = 4;
  o.timeout = std::chrono::milliseconds(2000);
  return o;
}
}  // namespace

TEST(teardown_check, the_abort_line_is_recognised_only_in_full) {
  EXPECT_TRUE(has_abort_line("starting\ntest_server_1: aborted (user or software interrupt)\n"));
  EXPECT_TRUE(has_abort_line("x: aborted (user or software interrupt)"));
  EXPECT_FALSE(has_abort_line("test_server_1: aborted\n"));
  EXPECT_FALSE(has_abort_line("test_server_1: aborted (user or software interrupt) again\n"));
  EXPECT_FALSE(has_abort_line(""));
}

TEST(teardown_check, deadlines_follow_the_scenario_kind) {
  EXPECT_EQ(teardown_deadline(false), std::chrono::milliseconds(500));
  EXPECT_EQ(teardown_deadline(true), std::chrono::milliseconds(1000));
}

TEST(teardown_check, a_well_behaved_thread_server_passes_every_signal_check) {
  for (auto kind : {teardown_kind::sigint_idle, teardown_kind::sigterm_idle, teardown_kind::sigint_load,
                    teardown_kind::sigterm_load}) {
    const auto r = check_teardown(test::command_for("lc-static-responder"), kind, false, light_load());
    EXPECT_TRUE(r.passed) << r.name << ": " << r.detail;
    EXPECT_LT(r.seconds, 0.5);
  }
}

TEST(teardown_check, a_well_behaved_process_server_passes_including_parent_sigkill) {
  for (auto kind : {teardown_kind::sigint_load, teardown_kind::parent_sigkill}) {
    const auto r = check_teardown(test::command_for("lc-relay"), kind, true, light_load());
    EXPECT_TRUE(r.passed) << r.name << ": " << r.detail;
  }
}

TEST(teardown_check, a_server_that_kills_its_stopped_worker_passes_the_stuck_worker_check) {
  const auto r = check_teardown(test::command_for("lc-relay"), teardown_kind::sigint_stuck_worker, true, light_load());
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(teardown_check, a_server_without_workers_fails_the_stuck_worker_check) {
  const auto r = check_teardown(test::command_for("lc-static-responder"), teardown_kind::sigint_stuck_worker, true,
                                light_load());
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("no worker child"), std::string::npos) << r.detail;
}
