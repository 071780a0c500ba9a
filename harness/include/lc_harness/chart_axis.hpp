#pragma once
#include <ostream>
#include <string>

namespace lc::harness {

// The smallest of 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8 x 10^k at or above `v`: quarter ticks are round.
double nice_axis_top(double v);

// A horizontal SVG axis from `left` to `left + width` at height `y`: five ticks labelled 0 to
// `top_value` in `tick_format` (printf), and `label` beneath.
void x_axis(std::ostream& out, int left, int width, int y, double top_value, const char* tick_format,
            const std::string& label);

}  // namespace lc::harness
