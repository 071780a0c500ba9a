#pragma once
#include "lc_harness/build_info.hpp"
#include "lc_harness/ceilings.hpp"
#include "lc_harness/load_summary.hpp"
#include "lc_harness/machine_info.hpp"
#include "lc_harness/sample_summary.hpp"
#include "lc_harness/teardown_check.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace lc::harness {

// One load run of the REST server and the two ceilings measured right after it.
struct resource_run {
  int connections = 0;
  int read_percent = 0;
  int repetition = 1;
  int order = 0;
  std::uint64_t reads = 0, writes = 0, errors = 0;
  std::vector<std::string> first_errors;  // also a launch failure
  double seconds = 0.0;
  double reads_per_second = 0.0, writes_per_second = 0.0;
  double p50_us = 0.0, p99_us = 0.0;
  double generator_cpu_share = 0.0, read_ceiling_generator_share = 0.0;  // in cores
  std::uint64_t store_bytes = 0, read_body_bytes = 0;
  ceiling_result write_ceiling, read_ceiling;
  double write_ratio = 0.0, read_ratio = 0.0;  // server reads/s (writes/s) over the ceiling's
  std::optional<check_result> teardown;         // SIGINT under writes, then the file
};

struct resource_row {
  int connections = 0;
  int read_percent = 0;
  sample_summary rps, reads, writes, p50, p99, write_ceiling, read_ceiling, write_ratio, read_ratio;
  std::uint64_t errors = 0;
  double generator_cpu_share = 0.0, read_ceiling_generator_share = 0.0;  // worst run
  int teardowns = 0, teardown_failures = 0;
  std::vector<threshold_outcome> thresholds;  // --threshold rest90:..., rest*:...
  bool thresholds_passed() const;
};

struct resource_report {
  std::string started;
  machine_info machine;
  build_info build;
  boost::json::object options;
  std::uint64_t seed = 0;
  int repetitions = 1;
  double load_average_before = 0.0, load_average_after = 0.0;
  std::vector<resource_run> runs;
  std::vector<resource_row> rows;
  std::vector<std::string> notes;  // e.g. a threshold that selects no row
  bool passed() const;  // no error, every teardown check and every threshold passed
};

// "90/10", and "rest 90/10 c8": how the reports name a mix and a row.
std::string resource_mix_name(int read_percent);
std::string resource_key(const resource_row& row);
// "rest 90/10 c8 rep2": one run.
std::string resource_run_name(const resource_run& run);
// "0.84 [0.80-0.88]" (" <" after it below the target 0.5) and "6000 [5800-6100]"; "-" where no ceiling was measured.
std::string resource_ratio_text(const sample_summary& ratio, const sample_summary& ceiling);
std::string resource_ceiling_text(const sample_summary& ceiling);
// Why the row fails (errors, teardowns, thresholds), empty when it passes.
std::string resource_row_failure(const resource_row& row);

std::vector<resource_row> summarize_resource_runs(const std::vector<resource_run>& runs);
void write_resource_console(const resource_report& report, std::ostream& out);
std::string resource_to_json(const resource_report& report);
// The CI and spreadsheet outputs: one row (testcase) per mix x connections, one testcase per check.
std::string resource_to_csv(const resource_report& report);
std::string resource_to_junit(const resource_report& report);
std::string resource_to_markdown(const resource_report& report);
std::string resource_to_html(const resource_report& report);

}  // namespace lc::harness
