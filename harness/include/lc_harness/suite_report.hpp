#pragma once
#include "lc_harness/latency_histogram.hpp"
#include "lc_harness/load_summary.hpp"
#include "lc_harness/build_info.hpp"
#include "lc_harness/machine_info.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lc::harness {

struct load_row {
  int scenario = 0;
  std::string kind;
  int connections = 0;
  int size = 0;
  bool random_sizes = false;
  std::uint64_t good = 0, socket_errors = 0, timeouts = 0, non_2xx = 0, invalid_bodies = 0;
  double requests_per_second = 0.0;
  double p50_us = 0, p90_us = 0, p99_us = 0, p999_us = 0, max_us = 0;
  double server_cpu_seconds = 0.0;
  double server_cpu_us_per_request = 0.0;
  std::uint64_t server_rss_bytes = 0;
  double server_switches_per_request = 0.0;  // context switches of the server tree's threads (a lower bound)
  int server_processes = 0;
  double client_cpu_us_per_request = 0.0;
  double client_cpu_share = 0.0;  // generator CPU seconds per wall second of the run (warm-up included)
  std::uint64_t bodies_fully_checked = 0;  // replies whose every value was converted and range-checked
  std::string mode = "closed";    // or "open 5000/s", "open 60%"
  double offered_rate = 0.0;      // open loop: the scheduled req/s
  std::uint64_t late = 0, dropped = 0;  // open loop, see load_result
  int repetition = 1;             // 1-based
  int order = 0;                  // position of this run in the shuffled plan, 1-based
  std::string ceiling_name;
  double ceiling_per_second = 0.0;  // 0: no ceiling measured
  double ceiling_p99_us = 0.0;      // HTTP ceilings only
  double ratio = 0.0;
  double target_ratio = 0.0;  // issue 6: 0.5 for 1, 2 and 5-8; 0.4 for 3 and 4
  bool meets_target = false;  // reported, not a verdict: shared machines are noisy
  bool passed = false;
  std::string detail;
  std::vector<latency_histogram::bucket> latency_buckets;
  int timeline_bin_ms = 10;  // replies per bin from the start of the measured window
  std::vector<std::uint32_t> good_per_bin, failed_per_bin;
};

struct check_row {
  int scenario = 0;
  std::string check;
  bool passed = false;
  double seconds = 0.0;
  std::string detail;
};

struct ceiling_row {
  std::string name;
  int connections = 0;
  int size = 0;
  double per_second = 0.0;
  double p99_us = 0.0;
  bool available = false;
  std::string note;
  int scenario = 0;  // the scenario run it was measured next to; 0: once per suite
};

// The --baseline run this one was compared with.
struct baseline_info {
  std::string path;  // empty: no baseline
  std::string commit;
  std::string started;
  std::vector<std::string> differences;  // machine, build type, label or options that differ
  int regressions = 0;                   // significant changes beyond --fail-on
  bool underpowered = false;             // too few repetitions for any change to be significant
};

inline constexpr int report_schema_version = 2;

struct suite_report {
  std::string suite;
  std::string label;
  std::string started;  // local time, ISO 8601
  machine_info machine;
  build_info build;
  bool servers_ours = true;  // the built scenario servers (same commit as the harness), not --server-cmd
  boost::json::object options;  // typed: numbers as numbers, flags as booleans
  int repetitions = 1;
  std::uint64_t seed = 0;
  double load_average_before = 0.0, load_average_after = 0.0;  // 1-minute
  std::vector<load_row> loads;        // every run of every repetition
  std::vector<load_summary> rows;     // one per cell, over its repetitions
  std::vector<check_row> checks;
  std::vector<ceiling_row> ceilings;
  std::vector<std::string> notes;
  baseline_info baseline;
  // Checks, load verdicts and thresholds; a baseline regression is reported apart (exit 3).
  bool passed() const;
};

}  // namespace lc::harness
