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
  int mix = -1;      // resource mode: the read share of the mix (rest90: 90/10), -1: every mix
  std::string metric;
  std::string op;  // < <= > >= == !=
  double value = 0.0;
};

threshold parse_threshold(const std::string& spec);  // throws std::invalid_argument

// Resource mode (lc-harness --resource): `rest90:write_ratio>=0.5`, `rest*:p99<5ms`, a bound on the
// rows of one mix, named by its read share, or of every one. Metrics: rps (reads and writes), read_rps,
// write_rps, p50, p99, write_ratio, read_ratio (medians), errors (all repetitions). Throws std::invalid_argument.
threshold parse_resource_threshold(const std::string& spec);

// The `<metric><op><value>` after the colon of t.spec, the metric one of `known`; throws std::invalid_argument.
void parse_bound(threshold& t, const std::string& bound, const std::vector<std::string>& known);
// Whether `value` meets the bound; NaN (no such figure) never does.
bool threshold_holds(const threshold& t, double value);

// Adds an outcome to every row the threshold selects; a row without the metric (no ceiling for
// ratio) fails it. Returns the number of rows selected, so that a threshold matching none can be reported.
int apply_threshold(const threshold& t, std::vector<load_summary>& rows);

}  // namespace lc::harness
