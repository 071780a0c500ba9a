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
  min_us_ = count_ ? std::min(min_us_, us) : us;
  ++count_;
  sum_us_ += us;
  max_us_ = std::max(max_us_, us);
}

void latency_histogram::merge(const latency_histogram& other) {
  hist_ += other.hist_;
  if (other.count_) min_us_ = count_ ? std::min(min_us_, other.min_us_) : other.min_us_;
  count_ += other.count_;
  sum_us_ += other.sum_us_;
  max_us_ = std::max(max_us_, other.max_us_);
}

double latency_histogram::percentile_us(double p) const {
  if (count_ == 0) return 0.0;
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(count_);
  double seen = 0;
  for (auto&& cell : bh::indexed(hist_, bh::coverage::all)) {
    if (*cell == 0) continue;
    const double in_bin = static_cast<double>(*cell);
    if (seen + in_bin >= rank) {
      const double lower = std::clamp(cell.bin().lower(), min_us_, max_us_);
      const double upper = std::clamp(cell.bin().upper(), min_us_, max_us_);
      return lower + (upper - lower) * (rank - seen) / in_bin;
    }
    seen += in_bin;
  }
  return max_us_;
}

std::vector<latency_histogram::bucket> latency_histogram::nonempty_buckets() const {
  std::vector<bucket> out;
  for (auto&& cell : bh::indexed(hist_, bh::coverage::all)) {
    if (*cell == 0) continue;
    out.push_back({std::clamp(cell.bin().upper(), min_us_, max_us_), *cell,
                   std::clamp(cell.bin().lower(), min_us_, max_us_)});
  }
  return out;
}

}  // namespace lc::harness
