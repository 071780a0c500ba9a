#include "lc_harness/progress_line.hpp"

#include <algorithm>
#include <cstdio>

namespace lc::harness {

namespace {
std::string clock_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

std::string format_progress(const progress_event& e, double elapsed) {
  std::string line = "[" + std::to_string(e.step) + "/" + std::to_string(e.total) + "] " + clock_text(elapsed) + " elapsed";
  if (e.seconds_done > 0 && elapsed > 0)
    line += ", ETA " + clock_text(elapsed / e.seconds_done * std::max(0.0, e.seconds_total - e.seconds_done));
  line += " | " + e.what;
  if (e.last_rps >= 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " | %s%.0f req/s, %llu errors", e.live ? "" : "last ", e.last_rps,
                  static_cast<unsigned long long>(e.errors));
    line += buf;
  }
  return line;
}

}  // namespace lc::harness
