#include "lc_harness/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace lc::harness {

namespace bh = boost::histogram;

latency_histogram::latency_histogram()
    : hist_(bh::make_histogram_with(bh::dense_storage<std::uint64_t>(), axis_t(1600, 1.0, 1e8))) {}

void latency_histogram::record(std::chrono::nanoseconds latency) {
  const double us = std::max(latency.count() / 1000.0, 0.0);
  hist_(us);
  ++count_;
  sum_us_ += us;
  max_us_ = std::max(max_us_, us);
}

void latency_histogram::merge(const latency_histogram& other) {
  hist_ += other.hist_;
  count_ += other.count_;
  sum_us_ += other.sum_us_;
  max_us_ = std::max(max_us_, other.max_us_);
}

double latency_histogram::percentile_us(double p) const {
  if (count_ == 0) return 0.0;
  const auto rank = static_cast<std::uint64_t>(std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * count_));
  std::uint64_t seen = 0;
  for (auto&& cell : bh::indexed(hist_, bh::coverage::all)) {
    seen += *cell;
    if (seen >= std::max<std::uint64_t>(rank, 1)) {
      const double upper = cell.bin().upper();
      return std::min(std::isfinite(upper) ? upper : max_us_, max_us_);
    }
  }
  return max_us_;
}

std::vector<latency_histogram::bucket> latency_histogram::nonempty_buckets() const {
  std::vector<bucket> out;
  for (auto&& cell : bh::indexed(hist_, bh::coverage::all)) {
    if (*cell == 0) continue;
    const double upper = cell.bin().upper();
    out.push_back({std::isfinite(upper) ? upper : max_us_, *cell});
  }
  return out;
}

}  // namespace lc::harness
