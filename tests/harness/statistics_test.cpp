#include "lc_harness/mann_whitney.hpp"
#include "lc_harness/sample_summary.hpp"

#include <gtest/gtest.h>

#include <numeric>

using namespace lc::harness;

TEST(sample_summary, five_runs_give_median_range_and_the_min_max_interval_at_its_true_coverage) {
  const auto s = summarize({5, 1, 4, 2, 3});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 5);
  EXPECT_DOUBLE_EQ(s.ci_low, 1);
  EXPECT_DOUBLE_EQ(s.ci_high, 5);
  EXPECT_DOUBLE_EQ(s.coverage, 1 - 2.0 / 32);
}

TEST(sample_summary, twenty_runs_use_the_sixth_and_fifteenth_order_statistics) {
  std::vector<double> v(20);
  std::iota(v.begin(), v.end(), 1.0);
  const auto s = summarize(v);
  EXPECT_DOUBLE_EQ(s.median, 10.5);
  EXPECT_DOUBLE_EQ(s.ci_low, 6);
  EXPECT_DOUBLE_EQ(s.ci_high, 15);
  EXPECT_NEAR(s.coverage, 0.9586, 1e-4);
}

TEST(sample_summary, one_run_has_no_interval_coverage) {
  const auto s = summarize({7});
  EXPECT_DOUBLE_EQ(s.median, 7);
  EXPECT_DOUBLE_EQ(s.ci_low, 7);
  EXPECT_DOUBLE_EQ(s.ci_high, 7);
  EXPECT_EQ(s.coverage, 0.0);
  EXPECT_EQ(summarize({}).n, 0u);
}

TEST(mann_whitney, fully_separated_samples_of_five_reach_the_smallest_exact_p) {
  const auto r = mann_whitney({1, 2, 3, 4, 5}, {6, 7, 8, 9, 10});
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 0);
  EXPECT_NEAR(r.p_value, 2.0 / 252, 1e-12);
  EXPECT_NEAR(smallest_p_value(5, 5), 2.0 / 252, 1e-12);
}

TEST(mann_whitney, interleaved_samples_are_not_significant) {
  const auto r = mann_whitney({1, 3, 5, 7, 9}, {2, 4, 6, 8, 10});
  EXPECT_DOUBLE_EQ(r.u, 10);
  EXPECT_NEAR(r.p_value, 174.0 / 252, 1e-12);  // enumerated: 87 of 252 orderings have U <= 10
}

TEST(mann_whitney, ties_use_the_normal_approximation) {
  const auto r = mann_whitney({1, 1, 1, 1}, {1, 1, 1, 1});
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);
  const auto s = mann_whitney({1, 2, 2, 3, 3, 3, 4, 4, 4, 4}, {5, 6, 6, 7, 7, 7, 8, 8, 8, 8});
  EXPECT_FALSE(s.exact);
  EXPECT_LT(s.p_value, 0.001);
}

TEST(mann_whitney, a_single_run_each_can_never_be_significant) {
  EXPECT_DOUBLE_EQ(smallest_p_value(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(mann_whitney({1}, {2}).p_value, 1.0);
}
