#pragma once
#include <boost/histogram.hpp>
#include <chrono>
#include <cstdint>
#include <vector>

namespace lc::harness {

// Log-spaced bins from 1 us to 100 s, 200 per decade (1.2 % relative width); fill never allocates.
class latency_histogram {
public:
  struct bucket {
    double upper_us;
    std::uint64_t count;
    double lower_us = 0.0;
  };

  latency_histogram();
  void record(std::chrono::nanoseconds latency);
  void merge(const latency_histogram& other);
  std::uint64_t count() const { return count_; }
  // p in [0, 100]; interpolated linearly inside the bin holding that rank, within [min(), max()].
  double percentile_us(double p) const;
  double min_us() const { return count_ ? min_us_ : 0.0; }
  double max_us() const { return max_us_; }
  double mean_us() const { return count_ ? sum_us_ / count_ : 0.0; }
  std::vector<bucket> nonempty_buckets() const;

private:
  using axis_t = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  using hist_t = boost::histogram::histogram<std::tuple<axis_t>, boost::histogram::dense_storage<std::uint64_t>>;
  hist_t hist_;
  std::uint64_t count_ = 0;
  double min_us_ = 0.0;
  double max_us_ = 0.0;
  double sum_us_ = 0.0;
};

}  // namespace lc::harness
