#include "lc_harness/resource_threshold.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

namespace {
std::vector<resource_row> rows() {
  std::vector<resource_row> out(3);
  out[0].read_percent = 90;
  out[0].connections = 2;
  out[0].reads = summarize({900, 1000});
  out[0].writes = summarize({100});
  out[0].rps = summarize({1000});
  out[0].p99 = summarize({4000, 6000, 5500});
  out[0].write_ceiling = summarize({400});
  out[0].write_ratio = summarize({0.25});
  out[1].read_percent = 90;
  out[1].connections = 8;
  out[1].errors = 3;
  out[2].read_percent = 0;
  out[2].read_ceiling = summarize({2000});
  out[2].read_ratio = summarize({0.6});
  return out;
}
}  // namespace

TEST(resource_threshold, parses_mix_metric_operator_and_unit) {
  const auto t = parse_resource_threshold("rest90:write_ratio>=0.5");
  EXPECT_EQ(t.mix, 90);
  EXPECT_EQ(t.metric, "write_ratio");
  EXPECT_EQ(t.op, ">=");
  EXPECT_DOUBLE_EQ(t.value, 0.5);
  EXPECT_EQ(parse_resource_threshold("rest*:p99<5ms").mix, -1);
  EXPECT_DOUBLE_EQ(parse_resource_threshold("rest*:p99<5ms").value, 5000);
  EXPECT_EQ(parse_resource_threshold("rest0:read_rps>10").mix, 0);
}

TEST(resource_threshold, rejects_what_it_cannot_read) {
  for (const char* bad : {"S*:p99<5ms", "rest*:ratio>=0.5", "rest101:rps>1", "restx:rps>1", "rest*:p99<5",
                          "rest:errors==0", "rest*:errors==0ms", "rest-5:rps>1"})
    EXPECT_THROW(parse_resource_threshold(bad), std::invalid_argument) << bad;
  EXPECT_THROW(parse_threshold("rest*:errors==0"), std::invalid_argument);
}

TEST(resource_threshold, outcomes_use_the_median_and_select_by_mix) {
  auto r = rows();
  EXPECT_EQ(apply_resource_threshold(parse_resource_threshold("rest90:write_ratio<0.5"), r), 2);
  EXPECT_EQ(apply_resource_threshold(parse_resource_threshold("rest*:errors==0"), r), 3);
  EXPECT_EQ(apply_resource_threshold(parse_resource_threshold("rest50:rps>0"), r), 0);
  EXPECT_EQ(apply_resource_threshold(parse_resource_threshold("rest90:p99<5ms"), r), 2);
  EXPECT_EQ(apply_resource_threshold(parse_resource_threshold("rest0:read_ratio>=0.5"), r), 1);
  ASSERT_EQ(r[0].thresholds.size(), 3u);
  EXPECT_TRUE(r[0].thresholds[0].passed);   // write ratio 0.25
  EXPECT_TRUE(r[0].thresholds[1].passed);
  EXPECT_FALSE(r[0].thresholds[2].passed);  // median p99 5.5 ms
  EXPECT_DOUBLE_EQ(r[0].thresholds[2].value, 5500);
  EXPECT_FALSE(r[0].thresholds_passed());
  ASSERT_EQ(r[1].thresholds.size(), 3u);
  EXPECT_FALSE(r[1].thresholds[0].passed);  // no write ceiling measured: no ratio
  EXPECT_FALSE(r[1].thresholds[1].passed);  // three errors
  ASSERT_EQ(r[2].thresholds.size(), 2u);
  EXPECT_TRUE(r[2].thresholds[1].passed);   // read ratio 0.6
}

TEST(resource_threshold, a_failed_threshold_fails_the_report_and_names_the_row) {
  resource_report report;
  report.runs.resize(1);
  report.rows = rows();
  EXPECT_TRUE(report.passed());  // the runs carry the errors that fail a report, not the rows
  apply_resource_threshold(parse_resource_threshold("rest0:read_rps>1"), report.rows);
  EXPECT_FALSE(report.passed());
  EXPECT_EQ(resource_row_failure(report.rows[2]), "threshold rest0:read_rps>1 failed: value 0");
  EXPECT_EQ(resource_key(report.rows[0]), "rest 90/10 c2");
}
