#pragma once
#include "lc_harness/suite_report.hpp"

#include <optional>
#include <string>

namespace lc::harness {

// --fail-on 'rps:-10%,p99:+25%,ratio:-10%': the change of a median, as a fraction, beyond which
// a significant change in the bad direction is a regression (rps and ratio down, latency up).
struct fail_bounds {
  std::optional<double> rps, p50, p99, ratio;
  bool any() const { return rps || p50 || p99 || ratio; }
};

fail_bounds parse_fail_on(const std::string& text);  // throws std::invalid_argument

// Reads a JSON report of this harness (schema_version 2) and fills, for every row of `report`
// with the same scenario, kind, connections, size and random-size mode, the change of rps, p50,
// p99 and ratio with its Mann-Whitney p-value. Throws std::runtime_error on an unreadable file.
void compare_with_baseline(suite_report& report, const std::string& path, const fail_bounds& bounds);

}  // namespace lc::harness
