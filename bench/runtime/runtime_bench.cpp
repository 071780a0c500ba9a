// Runtime figures: each benchmark reports messages (or requests) per second and process CPU time
// per message, next to a bare condition-variable ping-pong measured in the same run.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "lc/lc.hpp"

struct Ball {
  std::int64_t n = 0;
};
BOOST_DESCRIBE_STRUCT(Ball, (), (n))
LC_MESSAGE(Ball, "bench_runtime.Ball")

namespace {

constexpr std::int64_t round_trips = 20000;

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

// Runs `batch` once per iteration and sets the rate and CPU-per-message counters.
template <class F>
void measure(benchmark::State& state, std::int64_t messages_per_batch, F batch) {
  double cpu = 0;
  std::int64_t messages = 0;
  for (auto _ : state) {
    double c0 = process_cpu_seconds();
    batch();
    cpu += process_cpu_seconds() - c0;
    messages += messages_per_batch;
  }
  state.counters["msgs_per_s"] = benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
  state.counters["cpu_us_per_msg"] = cpu * 1e6 / static_cast<double>(messages);
}

// Baseline: two threads, one mutex and condition variable, a ball passed back and forth.
void bare_condvar_ping_pong(benchmark::State& state) {
  measure(state, 2 * round_trips, [] {
    std::mutex m;
    std::condition_variable cv;
    int turn = 0;
    std::thread other([&] {
      for (std::int64_t i = 0; i < round_trips; ++i) {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return turn == 1; });
        turn = 0;
        cv.notify_one();
      }
    });
    for (std::int64_t i = 0; i < round_trips; ++i) {
      std::unique_lock lock(m);
      turn = 1;
      cv.notify_one();
      cv.wait(lock, [&] { return turn == 0; });
    }
    other.join();
  });
}
BENCHMARK(bare_condvar_ping_pong)->UseRealTime()->Unit(benchmark::kMillisecond);

struct ponger : lc::stateless<ponger, lc::Start, Ball, lc::Stop> {
  void on(const lc::Start&) {}
  void on(const Ball& b) { reply(b); }
  void on(const lc::Stop&) { complete(); }
};
struct pinger : lc::stateless<pinger, lc::Start, Ball> {
  pinger(lc::address peer, std::int64_t total, std::int64_t in_flight)
      : peer_(peer), total_(total), in_flight_(in_flight) {}
  void on(const lc::Start&) {
    for (; sent_ < in_flight_; ++sent_) send(Ball{sent_}, peer_);
  }
  void on(const Ball&) {
    if (++received_ == total_) complete(received_);
    if (sent_ < total_) send(received(), peer_), ++sent_;
  }
  lc::address peer_;
  std::int64_t total_, in_flight_, sent_ = 0, received_ = 0;
};

void machines_ping_pong_one_dispatcher(benchmark::State& state) {
  lc::channel self;
  auto peer = self.create<ponger>();
  measure(state, 2 * round_trips * 10, [&] {
    self.create<pinger>(peer, round_trips * 10, state.range(0));
    self.input();
  });
  self.send(lc::Stop{}, peer);
  self.input();
}
BENCHMARK(machines_ping_pong_one_dispatcher)->Arg(1)->Arg(8)->UseRealTime()->Unit(benchmark::kMillisecond);

void function_ponger(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return;
    self.reply(std::move(m));
  }
}
std::int64_t function_pinger(lc::channel& self, lc::address peer, std::int64_t total, std::int64_t in_flight) {
  std::int64_t sent = 0;
  for (; sent < in_flight; ++sent) self.send(Ball{sent}, peer);
  for (std::int64_t received = 0; received < total; ++received) {
    auto m = self.input();
    if (sent < total) self.send(std::move(m), peer), ++sent;
  }
  return total;
}

void functions_ping_pong(benchmark::State& state) {
  lc::channel self;
  auto peer = self.create(function_ponger);
  measure(state, 2 * round_trips, [&] {
    self.create(function_pinger, peer, round_trips, static_cast<std::int64_t>(state.range(0)));
    self.input();
  });
  self.send(lc::Stop{}, peer);
  self.input();
}
BENCHMARK(functions_ping_pong)->Arg(1)->Arg(8)->UseRealTime()->Unit(benchmark::kMillisecond);

std::string spool_worker(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return "stopped";
    self.reply(std::move(m));
  }
}

void spool_of_8_thread_workers_64_in_flight(benchmark::State& state) {
  lc::channel self;
  auto spool = self.create<lc::ObjectSpool>(lc::workers(spool_worker), lc::spool_settings{.object_count = 8});
  constexpr std::int64_t requests = 5000;
  measure(state, requests, [&] {
    std::int64_t sent = 0;
    for (; sent < 64; ++sent) self.send(Ball{sent}, spool);
    for (std::int64_t received = 0; received < requests; ++received) {
      self.input();
      if (sent < requests) self.send(Ball{sent++}, spool);
    }
  });
  self.send(lc::Stop{}, spool);
  while (!self.input().get<lc::Returned>()) {
  }
}
BENCHMARK(spool_of_8_thread_workers_64_in_flight)->UseRealTime()->Unit(benchmark::kMillisecond);

void timer_lateness(benchmark::State& state) {
  lc::channel self;
  std::vector<double> late;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    self.start<lc::T1>(0.002);
    self.input();
    late.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() - 0.002);
  }
  std::sort(late.begin(), late.end());
  state.counters["late_p50_us"] = late[late.size() / 2] * 1e6;
  state.counters["late_p99_us"] = late[late.size() * 99 / 100] * 1e6;
  state.counters["late_max_us"] = late.back() * 1e6;
  state.counters["early_count"] = static_cast<double>(std::count_if(late.begin(), late.end(), [](double d) { return d < 0; }));
}
BENCHMARK(timer_lateness)->Iterations(500)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
