#pragma once
#include "lc_harness/resource_report.hpp"
#include "lc_harness/suite_runner.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace lc::harness {

struct resource_options {
  std::string server_executable;     // test_server_resource
  std::string server_cmd;            // instead: a shell template ({address}); --model-path=DIR is appended
  std::string responder_executable;  // lc-static-responder, the read ceiling
  std::vector<int> connections{8};
  std::vector<int> read_percents{90, 50};
  std::chrono::milliseconds duration{3000};
  std::chrono::milliseconds timeout{5000};
  int repetitions = 1;
  std::uint64_t seed = 0;
  bool ceilings = true;
  bool teardown = true;  // runs of the mix with the most writes end with SIGINT under load
};

// Every (connections, mix) cell `repetitions` times, shuffled; each server run in a fresh model
// folder, followed at once by its write and read ceilings.
resource_report run_resource(const resource_options& options, const progress_fn& progress);

}  // namespace lc::harness
