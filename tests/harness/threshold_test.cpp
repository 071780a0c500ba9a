#include "lc_harness/threshold.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

namespace {
std::vector<load_summary> rows() {
  std::vector<load_summary> out(2);
  out[0].scenario = 3;
  out[0].rps = summarize({1000, 1100, 900});
  out[0].p99_us = summarize({4000, 6000, 5500});
  out[0].ratio = summarize({0.45, 0.55, 0.6});
  out[1].scenario = 5;
  out[1].errors = 2;
  out[1].p99_us = summarize({100});
  return out;
}
}  // namespace

TEST(threshold, parses_scenario_metric_operator_and_unit) {
  const auto t = parse_threshold("S*:p99<5ms");
  EXPECT_EQ(t.scenario, 0);
  EXPECT_EQ(t.metric, "p99");
  EXPECT_EQ(t.op, "<");
  EXPECT_DOUBLE_EQ(t.value, 5000);
  const auto r = parse_threshold("S3:ratio>=0.5");
  EXPECT_EQ(r.scenario, 3);
  EXPECT_EQ(r.op, ">=");
  EXPECT_DOUBLE_EQ(r.value, 0.5);
  EXPECT_DOUBLE_EQ(parse_threshold("S1:p50<=250us").value, 250);
  EXPECT_EQ(parse_threshold("S*:errors==0").op, "==");
}

TEST(threshold, rejects_what_it_cannot_read) {
  for (const char* bad : {"p99<5ms", "S*:p99<5", "S*:latency<5ms", "Sx:rps>1", "S*:rps", "S*:rps>fast", "S1:errors==0ms"})
    EXPECT_THROW(parse_threshold(bad), std::invalid_argument) << bad;
}

TEST(threshold, outcomes_use_the_median_and_select_by_scenario) {
  auto r = rows();
  EXPECT_EQ(apply_threshold(parse_threshold("S3:ratio>=0.5"), r), 1);
  EXPECT_EQ(apply_threshold(parse_threshold("S*:p99<5ms"), r), 2);
  EXPECT_EQ(apply_threshold(parse_threshold("S*:errors==0"), r), 2);
  ASSERT_EQ(r[0].thresholds.size(), 3u);
  EXPECT_TRUE(r[0].thresholds[0].passed);   // median ratio 0.55
  EXPECT_FALSE(r[0].thresholds[1].passed);  // median p99 5.5 ms
  EXPECT_TRUE(r[0].thresholds[2].passed);
  EXPECT_FALSE(r[0].thresholds_passed());
  ASSERT_EQ(r[1].thresholds.size(), 2u);
  EXPECT_TRUE(r[1].thresholds[0].passed);
  EXPECT_FALSE(r[1].thresholds[1].passed);  // two errors
}

TEST(threshold, a_ratio_bound_on_a_row_without_ceiling_fails) {
  auto r = rows();
  apply_threshold(parse_threshold("S5:ratio>=0.1"), r);
  ASSERT_EQ(r[1].thresholds.size(), 1u);
  EXPECT_FALSE(r[1].thresholds[0].passed);
}
