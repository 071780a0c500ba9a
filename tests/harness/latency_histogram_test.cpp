#include "lc_harness/latency_histogram.hpp"

#include <gtest/gtest.h>

using lc::harness::latency_histogram;
using std::chrono::microseconds;

TEST(latency_histogram, an_empty_histogram_reports_zeros) {
  latency_histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile_us(99), 0.0);
  EXPECT_EQ(h.max_us(), 0.0);
}

TEST(latency_histogram, percentiles_of_a_uniform_spread_are_within_bin_resolution) {
  latency_histogram h;
  for (int us = 1; us <= 10000; ++us) h.record(microseconds(us));
  EXPECT_EQ(h.count(), 10000u);
  EXPECT_NEAR(h.percentile_us(50), 5000, 5000 * 0.015);
  EXPECT_NEAR(h.percentile_us(90), 9000, 9000 * 0.015);
  EXPECT_NEAR(h.percentile_us(99), 9900, 9900 * 0.015);
  EXPECT_NEAR(h.percentile_us(99.9), 9990, 9990 * 0.015);
  EXPECT_DOUBLE_EQ(h.max_us(), 10000);
  EXPECT_LE(h.percentile_us(100), h.max_us());
}

TEST(latency_histogram, a_single_outlier_is_the_max_and_the_top_percentile) {
  latency_histogram h;
  for (int i = 0; i < 999; ++i) h.record(microseconds(100));
  h.record(std::chrono::seconds(2));
  EXPECT_NEAR(h.percentile_us(99), 100, 2);
  EXPECT_DOUBLE_EQ(h.percentile_us(100), 2e6);
  EXPECT_DOUBLE_EQ(h.max_us(), 2e6);
}

TEST(latency_histogram, values_beyond_the_axis_are_kept_in_flow_bins) {
  latency_histogram h;
  h.record(std::chrono::nanoseconds(10));
  h.record(std::chrono::seconds(500));
  EXPECT_EQ(h.count(), 2u);
  EXPECT_DOUBLE_EQ(h.percentile_us(100), 500e6);
}

TEST(latency_histogram, merging_adds_counts_and_keeps_the_larger_max) {
  latency_histogram a, b;
  for (int i = 0; i < 100; ++i) a.record(microseconds(10));
  for (int i = 0; i < 100; ++i) b.record(microseconds(1000));
  a.merge(b);
  EXPECT_EQ(a.count(), 200u);
  EXPECT_DOUBLE_EQ(a.max_us(), 1000);
  EXPECT_NEAR(a.percentile_us(25), 10, 0.2);
  EXPECT_NEAR(a.percentile_us(75), 1000, 15);
  std::uint64_t total = 0;
  for (auto& b : a.nonempty_buckets()) total += b.count;
  EXPECT_EQ(total, 200u);
}

TEST(latency_histogram, percentiles_are_interpolated_inside_the_bin_not_its_upper_edge) {
  latency_histogram h;
  for (int i = 0; i < 10000; ++i) h.record(std::chrono::nanoseconds(100'000 + i * 10));
  EXPECT_NEAR(h.percentile_us(50), 150, 0.3);  // the bin holding 150 us ends at 151.36 us
  EXPECT_NEAR(h.percentile_us(99), 199, 0.3);
  EXPECT_NEAR(h.percentile_us(0), 100, 1e-9);
}

TEST(latency_histogram, identical_samples_report_their_own_value) {
  latency_histogram h;
  for (int i = 0; i < 100; ++i) h.record(microseconds(300));
  EXPECT_DOUBLE_EQ(h.percentile_us(50), 300);
  EXPECT_DOUBLE_EQ(h.percentile_us(99), 300);
  EXPECT_DOUBLE_EQ(h.min_us(), 300);
}
