#include "lc_harness/load_plan.hpp"

#include <algorithm>
#include <random>

namespace lc::harness {

std::vector<load_cell> plan_loads(const std::vector<int>& scenarios, const plan_shape& shape, std::uint64_t seed) {
  std::vector<load_cell> plan;
  for (int rep = 1; rep <= std::max(shape.repetitions, 1); ++rep)
    for (int n : scenarios) {
      for (int c : shape.connections)
        for (int s : shape.sizes) plan.push_back({n, c, s, shape.random_sizes, rep});
      if (shape.suite == "ci") plan.push_back({n, 4, 100, true, rep});
      if (shape.suite == "full" && n == 4) plan.push_back({n, 1000, 8, false, rep});
    }
  std::mt19937_64 rng(seed);
  // Fisher-Yates by hand: std::shuffle's use of the engine is not fixed by the standard, and a
  // recorded --seed must give the same order with any standard library.
  for (std::size_t i = plan.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(plan[i - 1], plan[j]);
  }
  return plan;
}

}  // namespace lc::harness
