#include "lc_harness/report_writers.hpp"

#include <cmath>
#include <cstdio>

namespace lc::harness {

std::string to_hgrm(const load_row& run) {
  std::string out = "       Value     Percentile TotalCount 1/(1-Percentile)\n\n";
  std::uint64_t total = 0;
  double sum = 0.0;
  for (const auto& b : run.latency_buckets) {
    total += b.count;
    sum += (b.lower_us + b.upper_us) / 2 * static_cast<double>(b.count);
  }
  char line[128];
  std::uint64_t seen = 0;
  double square_sum = 0.0;
  const double mean = total ? sum / static_cast<double>(total) : 0.0;
  for (const auto& b : run.latency_buckets) {
    seen += b.count;
    const double p = static_cast<double>(seen) / static_cast<double>(total);
    const double mid = (b.lower_us + b.upper_us) / 2;
    square_sum += (mid - mean) * (mid - mean) * static_cast<double>(b.count);
    if (p < 1.0)
      std::snprintf(line, sizeof line, "%12.3f %14.12f %10llu %14.2f\n", b.upper_us / 1000, p,
                    static_cast<unsigned long long>(seen), 1 / (1 - p));
    else
      std::snprintf(line, sizeof line, "%12.3f %14.12f %10llu\n", b.upper_us / 1000, p, static_cast<unsigned long long>(seen));
    out += line;
  }
  const double stddev = total ? std::sqrt(square_sum / static_cast<double>(total)) : 0.0;
  std::snprintf(line, sizeof line, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n", mean / 1000, stddev / 1000);
  out += line;
  std::snprintf(line, sizeof line, "#[Max     = %12.3f, Total count    = %12llu]\n", run.max_us / 1000,
                static_cast<unsigned long long>(total));
  out += line;
  out += "#[Values in milliseconds; bins 1.2 % wide, each line the upper edge of one bin]\n";
  return out;
}

std::string to_timeline_csv(const load_row& run) {
  std::string out = "ms,good,failed\n";
  for (std::size_t i = 0; i < run.good_per_bin.size(); ++i)
    out += std::to_string(static_cast<long>(i) * run.timeline_bin_ms) + "," + std::to_string(run.good_per_bin[i]) + "," +
           std::to_string(i < run.failed_per_bin.size() ? run.failed_per_bin[i] : 0) + "\n";
  return out;
}

}  // namespace lc::harness
