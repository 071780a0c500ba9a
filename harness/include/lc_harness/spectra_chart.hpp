#pragma once
#include "lc_harness/suite_report.hpp"

#include <ostream>
#include <vector>

namespace lc::harness {

// SVG small multiples, one per thread scenario cell with its process twin (1-5, 2-6, 3-7, 4-8):
// latency against 1/(1-p) on log axes (p50 ... p99.99), first repetition of each, every chart on
// the same latency axis so that panels compare.
void spectra_charts(std::ostream& out, const std::vector<load_row>& runs);

}  // namespace lc::harness
