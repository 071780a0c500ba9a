#pragma once
#include <vector>

namespace lc::harness {

// Two-sided Mann-Whitney U test of "a and b come from the same distribution". Exact
// (enumerated U distribution) when there are no ties and both samples have at most 20 values;
// otherwise the normal approximation with tie and continuity corrections.
struct mann_whitney_result {
  double u = 0.0;        // U of sample a
  double p_value = 1.0;
  bool exact = false;
};

mann_whitney_result mann_whitney(const std::vector<double>& a, const std::vector<double>& b);

// The smallest two-sided p-value samples of these sizes can reach: 2 / C(na + nb, na).
double smallest_p_value(std::size_t na, std::size_t nb);

}  // namespace lc::harness
