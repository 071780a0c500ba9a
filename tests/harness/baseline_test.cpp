#include "lc_harness/baseline.hpp"
#include "lc_harness/report_writers.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

using namespace lc::harness;

namespace {

suite_report runs(std::vector<double> rps, const std::string& host = "host") {
  suite_report r;
  r.machine = {"CPU", 2, "Linux", host};
  r.build = {"abc", "Release", "gcc"};
  r.options = {{"duration_ms", 300}};
  int rep = 0;
  for (double v : rps) {
    load_row l;
    l.scenario = 1;
    l.kind = "thread";
    l.connections = 8;
    l.size = 8;
    l.good = 100;
    l.requests_per_second = v;
    l.p50_us = 100;
    l.p99_us = 1e6 / v;
    l.ceiling_per_second = 10000;
    l.ratio = v / 10000;
    l.passed = true;
    l.repetition = ++rep;
    r.loads.push_back(l);
  }
  r.rows = summarize_loads(r.loads);
  return r;
}

std::string saved(const suite_report& r) {
  const auto path = (std::filesystem::temp_directory_path() / ("lc-baseline-" + std::to_string(getpid()) + ".json")).string();
  write_text_file(path, to_json(r));
  return path;
}

}  // namespace

TEST(baseline, fail_on_reads_signed_percentages_per_metric) {
  const auto f = parse_fail_on("rps:-10%,p99:+25%,ratio:-10%");
  EXPECT_DOUBLE_EQ(*f.rps, -0.10);
  EXPECT_DOUBLE_EQ(*f.p99, 0.25);
  EXPECT_DOUBLE_EQ(*f.ratio, -0.10);
  EXPECT_FALSE(f.p50);
  for (const char* bad : {"rps:10%", "rps:+10%", "p99:-5%", "cpu:-5%", "rps:-x%", "rps:-10"})
    EXPECT_THROW(parse_fail_on(bad), std::invalid_argument) << bad;
}

TEST(baseline, a_clearly_slower_run_is_a_significant_regression_beyond_the_bound) {
  const auto path = saved(runs({1000, 1010, 990, 1005, 995}));
  auto now = runs({700, 710, 690, 705, 695});
  compare_with_baseline(now, path, parse_fail_on("rps:-10%,p99:+25%"));
  std::filesystem::remove(path);
  ASSERT_TRUE(now.rows[0].baseline_matched);
  const auto& rps = now.rows[0].changes[0];
  EXPECT_EQ(rps.metric, "rps");
  EXPECT_NEAR(rps.change, -0.30, 1e-9);
  EXPECT_NEAR(rps.p_value, 2.0 / 252, 1e-12);
  EXPECT_TRUE(rps.significant);
  EXPECT_TRUE(rps.regression);
  EXPECT_EQ(now.baseline.regressions, 2);  // rps down 30 %, p99 up 43 %
  EXPECT_TRUE(now.baseline.differences.empty());
}

TEST(baseline, noise_within_the_bound_or_not_significant_is_no_regression) {
  const auto path = saved(runs({1000, 1010, 990, 1005, 995}));
  auto close = runs({960, 970, 950, 965, 955});  // significant, but only -4 %
  compare_with_baseline(close, path, parse_fail_on("rps:-10%"));
  EXPECT_TRUE(close.rows[0].changes[0].significant);
  EXPECT_EQ(close.baseline.regressions, 0);
  auto single = runs({500});  // one run each side can never be significant
  compare_with_baseline(single, saved(runs({1000})), parse_fail_on("rps:-10%"));
  EXPECT_FALSE(single.rows[0].changes[0].significant);
  EXPECT_EQ(single.baseline.regressions, 0);
  EXPECT_TRUE(single.baseline.underpowered);
  ASSERT_EQ(single.notes.size(), 1u);
  EXPECT_NE(single.notes[0].find("no change can be significant"), std::string::npos);
  EXPECT_FALSE(close.baseline.underpowered);
  std::filesystem::remove(path);
}

TEST(baseline, another_machine_is_reported_as_a_difference) {
  const auto path = saved(runs({1000, 1010}, "elsewhere"));
  auto now = runs({1000, 1010});
  compare_with_baseline(now, path, {});
  std::filesystem::remove(path);
  ASSERT_FALSE(now.baseline.differences.empty());
  EXPECT_NE(now.baseline.differences[0].find("elsewhere"), std::string::npos);
}

TEST(baseline, an_unreadable_file_throws) {
  suite_report r;
  EXPECT_THROW(compare_with_baseline(r, "/nonexistent/baseline.json", {}), std::runtime_error);
}
