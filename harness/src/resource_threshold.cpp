#include "lc_harness/resource_threshold.hpp"

#include <cmath>

namespace lc::harness {

namespace {

double ratio_of(const sample_summary& ratio, const sample_summary& ceiling) {
  return ratio.n && ceiling.median > 0 ? ratio.median : NAN;
}

double metric_of(const resource_row& r, const std::string& metric) {
  if (metric == "rps") return r.rps.median;
  if (metric == "read_rps") return r.reads.median;
  if (metric == "write_rps") return r.writes.median;
  if (metric == "p50") return r.p50.median;
  if (metric == "p99") return r.p99.median;
  if (metric == "write_ratio") return ratio_of(r.write_ratio, r.write_ceiling);
  if (metric == "read_ratio") return ratio_of(r.read_ratio, r.read_ceiling);
  return static_cast<double>(r.errors);
}

}  // namespace

std::string resource_row_name(int read_percent) { return "rest" + std::to_string(read_percent); }

int apply_resource_threshold(const threshold& t, std::vector<resource_row>& rows) {
  int selected = 0;
  for (auto& r : rows) {
    if (t.mix >= 0 && r.read_percent != t.mix) continue;
    ++selected;
    const double v = metric_of(r, t.metric);
    r.thresholds.push_back({t.spec, v, threshold_holds(t, v)});
  }
  return selected;
}

}  // namespace lc::harness
