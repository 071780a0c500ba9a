#pragma once
#include "lc_harness/load_summary.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace lc::harness {

// The --threshold outcomes of one report row, under the row's name.
struct named_outcomes {
  std::string row;
  const std::vector<threshold_outcome>* outcomes;
};

// The Markdown table `| threshold | row | value | verdict |`, a line per outcome, then a blank
// line; nothing when no row has an outcome.
void write_threshold_table(std::ostream& out, const std::vector<named_outcomes>& rows);

}  // namespace lc::harness
