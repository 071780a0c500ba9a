#pragma once
#include "lc_harness/resource_report.hpp"
#include "lc_harness/threshold.hpp"

#include <vector>

namespace lc::harness {

// Adds an outcome to every resource row the threshold (parse_resource_threshold) selects; a row
// without the metric (a ratio with no ceiling measured) fails it. Returns the number of rows selected.
int apply_resource_threshold(const threshold& t, std::vector<resource_row>& rows);

// "rest90": how a threshold names the rows of the 90/10 mix.
std::string resource_row_name(int read_percent);

}  // namespace lc::harness
