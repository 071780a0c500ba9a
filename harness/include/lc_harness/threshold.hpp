#pragma once
#include "lc_harness/load_summary.hpp"

#include <string>
#include <vector>

namespace lc::harness {

// `S3:ratio>=0.5`, `S*:p99<5ms`, `S*:errors==0`: a bound on one metric of the rows of one
// scenario (or of every one). rps, p50, p99 and ratio are the medians over the repetitions,
// errors the failed requests of all of them; latencies need a unit (us, ms or s).
struct threshold {
  std::string spec;
  int scenario = 0;  // 0: every scenario
  std::string metric;
  std::string op;  // < <= > >= == !=
  double value = 0.0;
};

threshold parse_threshold(const std::string& spec);  // throws std::invalid_argument

// Adds an outcome to every row the threshold selects; a row without the metric (no ceiling for
// ratio) fails it. Returns the number of rows selected, so that a threshold matching none can be reported.
int apply_threshold(const threshold& t, std::vector<load_summary>& rows);

}  // namespace lc::harness
