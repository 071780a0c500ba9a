#pragma once
#include "lc_harness/build_info.hpp"
#include "lc_harness/ceilings.hpp"
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
  bool passed() const;  // no error and every teardown check passed
};

std::vector<resource_row> summarize_resource_runs(const std::vector<resource_run>& runs);
void write_resource_console(const resource_report& report, std::ostream& out);
std::string resource_to_json(const resource_report& report);

}  // namespace lc::harness
