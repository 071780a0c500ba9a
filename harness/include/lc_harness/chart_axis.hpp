#pragma once

namespace lc::harness {

// The smallest of 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8 x 10^k at or above `v`: quarter ticks are round.
double nice_axis_top(double v);

}  // namespace lc::harness
