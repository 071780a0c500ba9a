// Every fake breaks one rule; the harness must report each as a failure.
#include "lc_harness/suite_runner.hpp"
#include "lc_harness/teardown_check.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

namespace {

suite_options quick_suite(const std::string& fake, int scenario) {
  suite_options o = preset("ci");
  o.scenarios = {scenario};
  o.server_cmd = test::bin(fake) + " --server-address={address}";
  o.warmup = std::chrono::milliseconds(50);
  o.duration = std::chrono::milliseconds(300);
  o.run_ceilings = false;
  return o;
}

bool any_failed_check(const suite_report& r, const std::string& name) {
  for (auto& c : r.checks)
    if (!c.passed && c.check.find(name) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(fake_servers, wrong_dimensions_fail_the_load_verdict) {
  auto o = quick_suite("fake_wrong_dims", 1);
  o.run_teardown = false;
  const auto r = run_suite(o, [](auto&) {});
  ASSERT_FALSE(r.loads.empty());
  EXPECT_FALSE(r.loads[0].passed);
  EXPECT_GT(r.loads[0].invalid_bodies, 0u);
  EXPECT_FALSE(r.passed());
}

TEST(fake_servers, ignoring_sigint_fails_the_teardown_verdict) {
  const auto r = check_teardown(test::command_for("fake_ignores_sigint"), teardown_kind::sigint_idle, false, {});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("did not exit"), std::string::npos) << r.detail;
}

TEST(fake_servers, a_child_left_behind_fails_the_teardown_verdict) {
  const auto r = check_teardown(test::command_for("fake_leaves_child"), teardown_kind::sigint_idle, true, {});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("processes left"), std::string::npos) << r.detail;
}

TEST(fake_servers, a_child_left_behind_fails_the_parent_sigkill_verdict) {
  const auto r = check_teardown(test::command_for("fake_leaves_child"), teardown_kind::parent_sigkill, true, {});
  EXPECT_FALSE(r.passed);
}

TEST(fake_servers, a_server_that_never_listens_fails_with_its_stderr) {
  launch_options lo;
  lo.listen_deadline = std::chrono::milliseconds(700);
  const auto launched = server_process::launch(test::command_for("fake_never_listens"), lo);
  EXPECT_FALSE(launched.server);
  EXPECT_NE(launched.failure.find("did not listen"), std::string::npos) << launched.failure;
  EXPECT_NE(launched.failure.find("waiting for a database"), std::string::npos) << launched.failure;
}

TEST(fake_servers, a_suite_over_a_server_that_never_listens_fails) {
  auto o = quick_suite("fake_never_listens", 2);
  o.run_teardown = false;
  const auto r = run_suite(o, [](auto&) {});
  EXPECT_TRUE(any_failed_check(r, "launch"));
  EXPECT_FALSE(r.passed());
}

TEST(fake_servers, a_listed_scenario_without_its_binary_fails) {
  suite_options o = preset("ci");
  o.bin_dir = "/nonexistent";
  o.manifest = std::string(LC_TEST_SOURCE_DIR) + "/one.manifest";
  const auto r = run_suite(o, [](auto&) {});
  EXPECT_TRUE(any_failed_check(r, "binary"));
  EXPECT_FALSE(r.passed());
}

TEST(fake_servers, an_empty_manifest_fails_with_a_clear_note) {
  suite_options o = preset("ci");
  o.manifest = std::string(LC_TEST_SOURCE_DIR) + "/empty.manifest";
  const auto r = run_suite(o, [](auto&) {});
  EXPECT_FALSE(r.passed());
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes[0].find("lists no scenarios"), std::string::npos);
}
