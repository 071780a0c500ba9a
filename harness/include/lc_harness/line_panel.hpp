#pragma once
#include "lc_harness/load_summary.hpp"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace lc::harness {

// One small-multiple line chart: evenly spaced x categories, a linear y axis from 0 to `y_top`
// (round it with nice_axis_top) with quarter grid lines, and up to two series (thread in blue,
// process in orange) of (x index, median, CI) points.
struct line_point {
  std::size_t x = 0;
  sample_summary y;
};

struct line_panel {
  std::string css_class;  // "scaling", "offered-load"
  std::string pair;       // data-pair attribute and title prefix
  std::string title;
  std::vector<std::string> x_labels;
  std::string x_axis, y_unit;
  double y_top = 1.0;
  std::vector<line_point> thread, process;
};

void draw(std::ostream& out, const line_panel& panel);

}  // namespace lc::harness
