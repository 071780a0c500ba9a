#include "lc_harness/chart_axis.hpp"

#include <cmath>
#include <initializer_list>

namespace lc::harness {

double nice_axis_top(double v) {
  if (!(v > 0)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0})
    if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

}  // namespace lc::harness
