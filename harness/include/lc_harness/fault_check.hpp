#pragma once
#include "lc_harness/load_generator.hpp"
#include "lc_harness/server_process.hpp"
#include "lc_harness/teardown_check.hpp"

namespace lc::harness {

struct fault_result {
  check_result check;
  std::uint64_t failed_after_kill = 0;
  double slowest_failure_ms = 0.0;
  std::uint64_t good_after_recovery = 0;
  double recovery_seconds = 0.0;  // from the kill to the end of the last failing reply
  double window_seconds = 0.0;    // from the kill to the end of the load
};

// Kills -9 one worker child (a marked process whose parent is the server) mid-load.
// Failing requests must get error replies (non-2xx), never hangs or resets; with
// must_recover, good replies must follow.
fault_result check_fault(const server_command& command, const load_options& load, bool must_recover);

}  // namespace lc::harness
