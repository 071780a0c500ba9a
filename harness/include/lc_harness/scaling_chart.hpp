#pragma once
#include "lc_harness/load_summary.hpp"

#include <ostream>
#include <vector>

namespace lc::harness {

// SVG small multiples, one per twin pair (1-5, 2-6, 3-7, 4-8) and table size: median req/s
// against connections (evenly spaced, log-like 1, 8, 64, 1000) with CI whiskers, thread and
// process lines, every panel on one req/s axis. Nothing when a run measured one connection count.
void scaling_charts(std::ostream& out, const std::vector<load_summary>& rows);

// The same small multiples for a --rate-sweep: p99 against the offered share of the closed-loop
// rate, per connection count. Nothing without open-loop rows at a share.
void offered_load_charts(std::ostream& out, const std::vector<load_summary>& rows);

}  // namespace lc::harness
