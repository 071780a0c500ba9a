// RetryIntervals gives the reference's delays: first steps, regular steps, the step limit as the
// reference counts it, and randomisation in whole multiples within its bound.
#include <gtest/gtest.h>

#include <cmath>

#include "lc/codec.hpp"
#include "lc/retry_intervals.hpp"

namespace {

std::vector<double> all_of(lc::RetryIntervals retry, std::size_t at_most = 20) {
  lc::retry_schedule schedule(std::move(retry), 1);
  std::vector<double> delays;
  while (delays.size() < at_most)
    if (auto d = schedule.next()) delays.push_back(*d);
    else break;
  return delays;
}

TEST(retry_intervals, first_steps_then_regular_steps_for_ever_without_a_limit) {
  EXPECT_EQ(all_of({.first_steps = {1.0, 2.0}, .regular_steps = 5.0}, 5), (std::vector<double>{1, 2, 5, 5, 5}));
}

TEST(retry_intervals, first_steps_alone_run_out) {
  EXPECT_EQ(all_of({.first_steps = {1.0, 2.0}}), (std::vector<double>{1, 2}));
  EXPECT_TRUE(all_of({}).empty());
}

TEST(retry_intervals, a_step_limit_of_n_gives_n_minus_one_delays_as_in_the_reference) {
  EXPECT_EQ(all_of({.regular_steps = 3.0, .step_limit = 4}), (std::vector<double>{3, 3, 3}));
  EXPECT_EQ(all_of({.first_steps = {1.0, 2.0}, .regular_steps = 3.0, .step_limit = 3}), (std::vector<double>{1, 2}));
  EXPECT_TRUE(all_of({.regular_steps = 3.0, .step_limit = 1}).empty());
  EXPECT_TRUE(all_of({.regular_steps = 3.0, .step_limit = 0}).empty());
}

TEST(retry_intervals, randomized_delays_add_whole_multiples_up_to_the_step_or_its_truncation) {
  lc::retry_schedule plain({.regular_steps = 10.0, .randomized = 0.5}, 7);
  lc::retry_schedule truncated({.regular_steps = 10.0, .randomized = 0.5, .truncated = 0.2}, 7);
  bool varied = false;
  double first = *plain.next();
  for (int i = 0; i < 200; ++i) {
    double d = *plain.next();
    varied = varied || d != first;
    EXPECT_GE(d, 10.0);
    EXPECT_LE(d, 20.0);
    EXPECT_DOUBLE_EQ(std::fmod(d - 10.0, 0.5), 0.0);
    double t = *truncated.next();
    EXPECT_GE(t, 10.0);
    EXPECT_LE(t, 12.0);
  }
  EXPECT_TRUE(varied) << "randomized delays never varied";
}

TEST(retry_intervals, decodes_with_missing_members_as_the_reference_writes_them) {
  auto retry = lc::decode<lc::RetryIntervals>(R"({"value": {"regular_steps": 30.0}})");
  EXPECT_TRUE(retry.first_steps.empty());
  EXPECT_EQ(retry.regular_steps, 30.0);
  EXPECT_FALSE(retry.step_limit);
}

}  // namespace
