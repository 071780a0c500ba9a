#pragma once
#include "lc_harness/suite_report.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace lc::harness {

struct suite_options {
  std::string suite = "custom";  // ci, full or custom
  std::vector<int> scenarios;    // empty: every scenario in the manifest
  std::vector<int> connections{8};
  std::vector<int> sizes{8};
  bool random_sizes = false;
  int pipeline = 1;
  bool keep_alive = true;
  std::chrono::milliseconds warmup{500};
  std::chrono::milliseconds duration{3000};
  std::uint64_t requests = 0;
  std::chrono::milliseconds timeout{5000};
  int client_threads = 1;
  int full_check_every = 16;  // see load_options
  bool run_load = true;
  bool run_teardown = true;
  bool run_fault = true;
  bool run_ceilings = true;
  std::string bin_dir;
  std::string manifest;
  std::string server_cmd;  // shell template; {scenario} is replaced by the number too
  std::string label;
  int repetitions = 1;
  std::uint64_t seed = 0;
  double rate = 0.0;          // open loop at this many req/s (load_options::rate); 0: closed loop
  // After each cell's closed-loop run, one open-loop run at each of these % of its rate.
  std::vector<double> rate_percents;
  bool live_progress = false;  // also report the running load's rate every 0.5 s (a terminal's live line)
};

// The ci and full presets (full: 5 repetitions); anything set explicitly on the command line overrides them later.
suite_options preset(const std::string& suite);

// Steps are load cells (a scenario run and its ceiling), fault checks and teardown checks;
// seconds_* estimate the planned time so that a caller can show an ETA.
struct progress_event {
  int step = 0;
  int total = 0;
  std::string what;
  double seconds_done = 0.0;
  double seconds_total = 0.0;
  double last_rps = -1.0;  // of the last load run; negative before the first
  std::uint64_t errors = 0;  // failed requests so far
  bool live = false;         // a redraw of the same step with the running rate
};

using progress_fn = std::function<void(const progress_event&)>;

suite_report run_suite(const suite_options& options, const progress_fn& progress);

}  // namespace lc::harness
