#include "lc_harness/load_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

using namespace lc::harness;

namespace {
auto as_tuple(const load_cell& c) { return std::tuple{c.scenario, c.connections, c.size, c.random_sizes, c.repetition}; }
}  // namespace

TEST(load_plan, every_cell_appears_once_per_repetition) {
  const auto plan = plan_loads({1, 4}, {"custom", {1, 8}, {8, 100}, false, 3}, 42);
  ASSERT_EQ(plan.size(), 2u * 4 * 3);
  std::map<std::tuple<int, int, int, bool>, int> seen;
  for (const auto& c : plan) ++seen[{c.scenario, c.connections, c.size, c.random_sizes}];
  EXPECT_EQ(seen.size(), 8u);
  for (const auto& [cell, n] : seen) EXPECT_EQ(n, 3);
}

TEST(load_plan, the_seed_fixes_the_order_and_another_seed_changes_it) {
  const plan_shape shape{"custom", {1, 8, 64}, {8, 100}, false, 5};
  const auto a = plan_loads({1, 2, 3}, shape, 7), b = plan_loads({1, 2, 3}, shape, 7), c = plan_loads({1, 2, 3}, shape, 8);
  auto same = [](const auto& x, const auto& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](const load_cell& p, const load_cell& q) { return as_tuple(p) == as_tuple(q); });
  };
  EXPECT_TRUE(same(a, b));
  EXPECT_FALSE(same(a, c));
}

TEST(load_plan, repetitions_are_interleaved_not_run_back_to_back) {
  const auto plan = plan_loads({1, 2, 3, 4}, {"custom", {8}, {8}, false, 5}, 1);
  // In run order the first five runs are not all one repetition of one scenario.
  int first_repetition_runs = 0;
  for (std::size_t i = 0; i < 4; ++i) first_repetition_runs += plan[i].repetition == 1;
  EXPECT_LT(first_repetition_runs, 4);
}

TEST(load_plan, the_suites_add_their_extra_cells) {
  const auto ci = plan_loads({1}, {"ci", {8}, {8}, false, 1}, 0);
  EXPECT_TRUE(std::any_of(ci.begin(), ci.end(), [](auto& c) { return c.random_sizes && c.size == 100; }));
  const auto full = plan_loads({3, 4}, {"full", {8}, {8}, false, 1}, 0);
  EXPECT_EQ(std::count_if(full.begin(), full.end(), [](auto& c) { return c.connections == 1000; }), 1);
}
