#pragma once
// What the clients of one process did, for the summary on stderr.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

class client_stats {
 public:
  void completed() { ++completed_; }
  void mismatched() { ++mismatched_; }
  void fault(const std::string& kind);
  // "<who>: 12 requests completed in 2.0 s (6.0 req/s), 0 tables did not match, faults: none"
  std::string summary(const std::string& who) const;

 private:
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::atomic<std::int64_t> completed_{0};
  std::atomic<std::int64_t> mismatched_{0};
  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t> faults_;
};

client_stats& stats();
