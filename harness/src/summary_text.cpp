#include "lc_harness/summary_text.hpp"

#include <cstdio>

namespace lc::harness {

std::string fixed(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string with_ci(const sample_summary& s, const char* f, double scale) {
  if (s.n == 0) return "-";
  if (s.n == 1) return fixed(f, s.median / scale);
  return fixed(f, s.median / scale) + " [" + fixed(f, s.ci_low / scale) + "-" + fixed(f, s.ci_high / scale) + "]";
}

std::string ci_name(const sample_summary& s) { return fixed("%.1f", s.coverage * 100) + " % CI"; }

std::string change_text(const baseline_change& c) {
  return fixed("%+.1f %%", c.change * 100) + " (p=" + fixed("%.3f", c.p_value) +
         (c.regression ? ", REGRESSION)" : c.significant ? ", significant)" : ")");
}

}  // namespace lc::harness
