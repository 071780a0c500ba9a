#include "lc_harness/mann_whitney.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/binomial.hpp>

#include <algorithm>
#include <cmath>

namespace lc::harness {

namespace {

// counts[u] = number of orderings of na a's and nb b's whose U is u.
std::vector<double> u_counts(int na, int nb) {
  std::vector<std::vector<std::vector<double>>> f(
      static_cast<std::size_t>(na + 1), std::vector<std::vector<double>>(static_cast<std::size_t>(nb + 1)));
  for (int i = 0; i <= na; ++i)
    for (int j = 0; j <= nb; ++j) {
      auto& cell = f[i][j];
      cell.assign(static_cast<std::size_t>(i * j + 1), 0.0);
      if (i == 0 || j == 0) {
        cell[0] = 1.0;
        continue;
      }
      // The largest value is an a (it beats all j b's) or a b.
      const auto& with_a = f[i - 1][j];
      const auto& with_b = f[i][j - 1];
      for (std::size_t u = 0; u < with_a.size(); ++u) cell[u + static_cast<std::size_t>(j)] += with_a[u];
      for (std::size_t u = 0; u < with_b.size(); ++u) cell[u] += with_b[u];
    }
  return f[na][nb];
}

}  // namespace

double smallest_p_value(std::size_t na, std::size_t nb) {
  if (na == 0 || nb == 0) return 1.0;
  return std::min(1.0, 2.0 / boost::math::binomial_coefficient<double>(static_cast<unsigned>(na + nb),
                                                                        static_cast<unsigned>(na)));
}

mann_whitney_result mann_whitney(const std::vector<double>& a, const std::vector<double>& b) {
  mann_whitney_result r;
  if (a.empty() || b.empty()) return r;
  std::vector<std::pair<double, int>> all;
  for (double v : a) all.emplace_back(v, 0);
  for (double v : b) all.emplace_back(v, 1);
  std::sort(all.begin(), all.end());
  double rank_sum_a = 0.0, tie_term = 0.0;
  bool ties = false;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    const double t = static_cast<double>(j - i);
    const double mid_rank = (static_cast<double>(i + j) + 1.0) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (all[k].second == 0) rank_sum_a += mid_rank;
    if (t > 1) ties = true;
    tie_term += t * t * t - t;
    i = j;
  }
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  r.u = rank_sum_a - na * (na + 1) / 2;
  const double mean = na * nb / 2;
  if (!ties && a.size() <= 20 && b.size() <= 20) {
    const auto counts = u_counts(static_cast<int>(a.size()), static_cast<int>(b.size()));
    const double total = boost::math::binomial_coefficient<double>(static_cast<unsigned>(a.size() + b.size()),
                                                                   static_cast<unsigned>(a.size()));
    const auto u = static_cast<std::size_t>(std::lround(r.u));
    double below = 0.0, above = 0.0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      if (k <= u) below += counts[k];
      if (k >= u) above += counts[k];
    }
    r.p_value = std::min(1.0, 2.0 * std::min(below, above) / total);
    r.exact = true;
    return r;
  }
  const double n = na + nb;
  const double variance = na * nb / 12 * ((n + 1) - tie_term / (n * (n - 1)));
  if (variance <= 0) return r;
  const double z = std::max(0.0, std::abs(r.u - mean) - 0.5) / std::sqrt(variance);
  r.p_value = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), z)));
  return r;
}

}  // namespace lc::harness
