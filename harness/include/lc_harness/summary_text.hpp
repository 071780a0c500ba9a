#pragma once
#include "lc_harness/load_summary.hpp"

#include <string>

namespace lc::harness {

// "35120 [34010-36020]" (median [interval]) with printf format `f` after dividing by `scale`;
// just the value for a single run, "-" for none.
std::string with_ci(const sample_summary& s, const char* f, double scale = 1.0);
std::string fixed(const char* f, double v);
// "93.8 % CI" or "95.0 % CI": the coverage the interval of this many repetitions has.
std::string ci_name(const sample_summary& s);
// "-12.3 % (p=0.008, significant)".
std::string change_text(const baseline_change& c);

}  // namespace lc::harness
