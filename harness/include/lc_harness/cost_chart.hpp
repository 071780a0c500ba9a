#pragma once
#include "lc_harness/load_summary.hpp"

#include <ostream>
#include <vector>

namespace lc::harness {

// SVG small multiples of what a request costs the server, thread rows next to their process
// twins: CPU µs per request, context switches per request and resident MiB, each median with its
// CI as an error bar, on an axis of its own with ticks and units.
void cost_charts(std::ostream& out, const std::vector<load_summary>& rows);

}  // namespace lc::harness
