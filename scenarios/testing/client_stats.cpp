#include "client_stats.hpp"

#include <cstdio>

void client_stats::fault(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++faults_[kind];
}

std::string client_stats::summary(const std::string& who) const {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  char rate[64];
  std::snprintf(rate, sizeof rate, "in %.1f s (%.1f req/s)", seconds, seconds > 0 ? completed_ / seconds : 0.0);
  std::string text = who + ": " + std::to_string(completed_) + " requests completed " + rate + ", " +
                     std::to_string(mismatched_) + " tables did not match, faults: ";
  std::lock_guard lock(mutex_);
  if (faults_.empty()) return text + "none";
  bool first = true;
  for (const auto& [kind, count] : faults_) {
    text += (first ? "" : ", ") + kind + "=" + std::to_string(count);
    first = false;
  }
  return text;
}

client_stats& stats() {
  static client_stats s;
  return s;
}
