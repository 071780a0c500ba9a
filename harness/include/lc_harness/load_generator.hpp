#pragma once
#include "lc_harness/latency_histogram.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace lc::harness {

struct load_options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  int connections = 8;
  int pipeline = 1;          // requests written back to back before their replies are read
  bool keep_alive = true;    // false: a new connection per request
  int size = 8;              // x and y of every request
  bool random_sizes = false; // x and y drawn from [1, size] per request
  std::chrono::milliseconds warmup{0};
  std::chrono::milliseconds duration{1000};  // also the cap when max_requests is set
  std::uint64_t max_requests = 0;            // 0: bounded by duration only
  std::chrono::milliseconds timeout{2000};   // per batch: connect, write, every reply
  int threads = 1;
  std::chrono::milliseconds timeline_bin{10};
  // Every reply gets check_xy_shape; the first reply of each connection and then every Nth one
  // also gets check_xy_body, which converts and range-checks every value. 1: all of them.
  int full_check_every = 16;
  // Open loop: this many requests per second over all connections at fixed intervals, latency
  // timed from each request's intended send time. 0: closed loop. Needs pipeline 1.
  double rate = 0.0;
};

// Shared with another thread that watches or stops a running load.
struct load_control {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> good{0};
  std::atomic<std::uint64_t> failed{0};
};

struct load_result {
  std::uint64_t good = 0;
  std::uint64_t socket_errors = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t non_2xx = 0;
  std::uint64_t invalid_bodies = 0;
  double seconds = 0.0;  // from the end of warm-up to the last measured reply
  latency_histogram latency;  // every measured request, good or failed
  double slowest_failure_us = 0.0;
  double client_cpu_us_per_request = 0.0;
  double client_cpu_share = 0.0;  // this process's CPU seconds per wall second, warm-up included
  std::uint64_t bodies_fully_checked = 0;  // measured replies that got check_xy_body
  std::uint64_t late = 0;     // open loop: sent more than one interval after their intended time
  std::uint64_t dropped = 0;  // open loop: due in the measured window but never sent
  std::string first_failure;
  std::chrono::steady_clock::time_point measure_start;
  std::chrono::milliseconds timeline_bin{10};
  std::vector<std::uint32_t> good_per_bin;
  std::vector<std::uint32_t> failed_per_bin;

  std::uint64_t errors() const { return socket_errors + timeouts + non_2xx + invalid_bodies; }
  double requests_per_second() const { return seconds > 0 ? good / seconds : 0.0; }
};

load_result run_load(const load_options& options, load_control* control = nullptr);

// CPU seconds of this process so far, every thread.
double process_cpu_seconds();

// Raises the soft open-file limit to the hard one; returns the new soft limit.
std::uint64_t raise_file_limit();

}  // namespace lc::harness
