#pragma once
#include "lc_harness/load_summary.hpp"

#include <ostream>
#include <vector>

namespace lc::harness {

// SVG: each thread scenario next to its process twin (1-5, 2-6, 3-7, 4-8) per cell, req/s on one
// shared axis with ticks, the median as a bar, its CI as an error bar, the ceiling as a mark, the
// issue 6 target (target ratio x ceiling) as a dashed line and the ratio written on the bar.
void pairs_chart(std::ostream& out, const std::vector<load_summary>& rows);

// The rows in twin order: each thread row, then its process twin of the same cell; `group`
// numbers the pairs.
struct twin_bar {
  const load_summary* row;
  int group;
};
std::vector<twin_bar> twin_order(const std::vector<load_summary>& rows);

}  // namespace lc::harness
