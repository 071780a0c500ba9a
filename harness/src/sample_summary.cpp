#include "lc_harness/sample_summary.hpp"

#include <boost/math/distributions/binomial.hpp>

#include <algorithm>

namespace lc::harness {

sample_summary summarize(std::vector<double> values, double level) {
  sample_summary s;
  s.n = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  s.min = values.front();
  s.max = values.back();
  s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  const boost::math::binomial_distribution<double> b(static_cast<double>(n), 0.5);
  std::size_t k = 1;  // 1-based order statistic of the lower bound
  s.coverage = n > 1 ? 1.0 - 2.0 * boost::math::cdf(b, 0.0) : 0.0;
  for (std::size_t next = 2; 2 * next <= n; ++next) {
    const double coverage = 1.0 - 2.0 * boost::math::cdf(b, static_cast<double>(next - 1));
    if (coverage < level) break;
    k = next;
    s.coverage = coverage;
  }
  s.ci_low = values[k - 1];
  s.ci_high = values[n - k];
  return s;
}

}  // namespace lc::harness
