#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lc::harness {

// One load run of one scenario (with, when ceilings are on, its ceiling run right after it).
struct load_cell {
  int scenario = 0;
  int connections = 0;
  int size = 0;
  bool random_sizes = false;
  int repetition = 1;
};

struct plan_shape {
  std::string suite;  // ci adds a random-size cell, full adds 1000 connections to scenario 4
  std::vector<int> connections;
  std::vector<int> sizes;
  bool random_sizes = false;
  int repetitions = 1;
};

// Every cell of every scenario, `repetitions` times, shuffled by `seed` so that drift of a
// shared machine spreads over all cells instead of hitting whichever ran last.
std::vector<load_cell> plan_loads(const std::vector<int>& scenarios, const plan_shape& shape, std::uint64_t seed);

}  // namespace lc::harness
