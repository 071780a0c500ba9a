#pragma once
#include "lc_harness/sample_summary.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace lc::harness {

struct load_row;

// A user's --threshold applied to one summarised row.
struct threshold_outcome {
  std::string spec;  // as given, e.g. "S*:p99<5ms"
  double value = 0.0;
  bool passed = false;
};

// One metric of a row against the same row of a --baseline run.
struct baseline_change {
  std::string metric;           // rps, p50, p99, ratio
  double baseline_median = 0.0;
  double median = 0.0;
  double change = 0.0;          // median / baseline_median - 1
  double p_value = 1.0;         // two-sided Mann-Whitney U over the repetitions
  bool significant = false;     // p_value < 0.05
  bool regression = false;      // significant, in the bad direction and beyond the --fail-on bound
};

// Every repetition of one (scenario, connections, size, mode) cell, summarised.
struct load_summary {
  int scenario = 0;
  std::string kind;
  int connections = 0;
  int size = 0;
  bool random_sizes = false;
  std::string mode = "closed";
  std::uint64_t late = 0, dropped = 0;
  sample_summary rps, p50_us, p99_us, ratio;  // ratio: one value per adjacent scenario/ceiling pair
  sample_summary ceiling_rps;                 // the ceiling runs next to these runs
  sample_summary server_cpu_us, server_switches, server_rss_mib;  // per request: figures that load does not move
  std::uint64_t good = 0, errors = 0;
  double generator_cpu_share = 0.0;  // the largest of the repetitions, in cores
  bool generator_bound = false;      // some repetition's generator used more than half a core
  std::string ceiling_name;
  double target_ratio = 0.0;
  bool meets_target = false;  // median ratio against the issue 6 target; reported, not a verdict
  bool passed = false;        // every repetition answered every request correctly
  std::string detail;
  std::vector<threshold_outcome> thresholds;
  bool baseline_matched = false;
  std::vector<baseline_change> changes;

  bool thresholds_passed() const;
  std::string key() const;  // "S1 thread c8 s8", "S1 thread c4 s<=100", "S1 thread c8 s8 open 60%"
};

constexpr double generator_bound_cores = 0.5;

// Groups runs by cell; rows sorted by scenario, mode, connections, size.
std::vector<load_summary> summarize_loads(const std::vector<load_row>& runs);

}  // namespace lc::harness
