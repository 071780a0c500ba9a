#include <chrono>
#include <set>

#include "probe.hpp"

using clock_type = std::chrono::steady_clock;

namespace {
double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }
}  // namespace

TEST(timers, never_fire_early_and_arrive_in_deadline_order) {
  lc::channel self;
  auto t0 = clock_type::now();
  self.start<lc::T1>(0.06);
  self.start<lc::T2>(0.02);
  self.start<lc::T3>(0.04);
  test::expect<lc::T2>(self);
  EXPECT_GE(since(t0), 0.02);
  EXPECT_EQ(self.return_address(), lc::detail::timer_address());
  test::expect<lc::T3>(self);
  EXPECT_GE(since(t0), 0.04);
  test::expect<lc::T1>(self);
  EXPECT_GE(since(t0), 0.06);
}

TEST(timers, starting_again_restarts_with_the_new_period) {
  lc::channel self;
  auto t0 = clock_type::now();
  self.start<lc::T1>(5.0);
  self.start<lc::T1>(0.05);
  test::expect<lc::T1>(self);
  EXPECT_GE(since(t0), 0.05);
  EXPECT_LT(since(t0), 4.0);
  EXPECT_FALSE(self.input(0.2).has_value());  // the first start no longer exists
}

TEST(timers, a_cancelled_timer_never_arrives) {
  lc::channel self;
  self.start<lc::T1>(0.05);
  self.start<lc::T2>(0.15);
  self.cancel<lc::T1>();
  self.cancel<lc::T4>();  // not started: a no-op
  test::expect<lc::T2>(self);  // T1 would have come first
}

TEST(timers, a_repeating_timer_keeps_firing_until_cancelled) {
  lc::channel self;
  auto t0 = clock_type::now();
  self.start<lc::T1>(0.02, true);
  for (int i = 1; i <= 3; ++i) {
    test::expect<lc::T1>(self);
    EXPECT_GE(since(t0), 0.02 * i);
  }
  self.cancel<lc::T1>();
  // One may already be in flight; after that, nothing.
  auto m = self.input(0.1);
  if (m) {
    EXPECT_FALSE(self.input(0.1).has_value());
  }
}

TEST(timers, timers_of_an_ended_object_are_dropped) {
  lc::channel self;
  auto child = self.create([](lc::channel& c) { c.start<lc::T1>(0.01, true); });
  EXPECT_TRUE(test::returned(self).empty());
  EXPECT_FALSE(lc::detail::alive(child));
  self.start<lc::T2>(0.1);
  test::expect<lc::T2>(self);  // nothing from the child reached us meanwhile
}

TEST(timers, spread_out_gives_fifty_values_from_75_to_124_percent) {
  std::set<double> seen;
  for (int i = 0; i < 20000; ++i) seen.insert(lc::spread_out(100.0));
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_DOUBLE_EQ(*seen.begin(), 75.0);
  EXPECT_DOUBLE_EQ(*seen.rbegin(), 124.0);
  std::set<double> narrow;
  for (int i = 0; i < 5000; ++i) narrow.insert(lc::spread_out(100.0, 10));
  EXPECT_DOUBLE_EQ(*narrow.begin(), 90.0);
  EXPECT_DOUBLE_EQ(*narrow.rbegin(), 109.0);
}
