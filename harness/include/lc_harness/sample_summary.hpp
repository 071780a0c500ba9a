#pragma once
#include <cstddef>
#include <vector>

namespace lc::harness {

// Median, range and a distribution-free confidence interval of the median of repeated runs.
// The interval is [x(k), x(n+1-k)] of the sorted sample, k the largest whose binomial(n, 1/2)
// coverage reaches `level`; below 6 samples no k does and [min, max] is given with the coverage
// it has (93.75 % at 5, 87.5 % at 4, 0 at 1): `coverage` always says which.
struct sample_summary {
  std::size_t n = 0;
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double coverage = 0.0;
};

sample_summary summarize(std::vector<double> values, double level = 0.95);

}  // namespace lc::harness
