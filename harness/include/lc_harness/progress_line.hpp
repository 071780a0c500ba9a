#pragma once
#include "lc_harness/suite_runner.hpp"

#include <string>

namespace lc::harness {

// "[3/52] 0:12 elapsed, ETA 2:40 | scenario 1: ... | last 35120 req/s, 0 errors". The ETA scales
// the planned seconds left by how long the planned seconds done actually took.
std::string format_progress(const progress_event& e, double elapsed_seconds);

}  // namespace lc::harness
