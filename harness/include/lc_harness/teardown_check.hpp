#pragma once
#include "lc_harness/load_generator.hpp"
#include "lc_harness/server_process.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace lc::harness {

enum class teardown_kind {
  sigint_idle,
  sigterm_idle,
  sigint_load,
  sigterm_load,
  parent_sigkill,
  sigint_stuck_worker,  // a worker child is SIGSTOPped (so it ignores SIGINT) before the server gets SIGINT
};

std::string_view to_string(teardown_kind kind);

struct check_result {
  std::string name;
  bool passed = false;
  double seconds = 0.0;
  std::string detail;
};

// Thread servers must be gone 0.5 s after the signal, process servers (and descendants) 1 s;
// with a stuck worker, the 3 s grace + 1 s.
std::chrono::milliseconds teardown_deadline(bool process_kind);
constexpr std::chrono::milliseconds stuck_worker_deadline{4000};

// True if some output line reads "<anything>: aborted (user or software interrupt)".
bool has_abort_line(std::string_view output);

// Starts its own server, drives it to the state the kind asks for, signals it and judges.
check_result check_teardown(const server_command& command, teardown_kind kind, bool process_kind,
                            const load_options& load);

}  // namespace lc::harness
