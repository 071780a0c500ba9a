#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <queue>
#include <random>
#include <thread>

#include "core.hpp"
#include "lc/runtime.hpp"
#include "lc/timer.hpp"

namespace lc {

double spread_out(double period, int delta) {
  static thread_local std::mt19937 generator{std::random_device{}()};
  std::uniform_int_distribution<int> k(100 - delta, 100 + delta - 1);
  return period * k(generator) / 100.0;
}

namespace detail {
namespace {

using clock = std::chrono::steady_clock;
using key = std::pair<std::uint32_t, const type_record*>;

struct armed {
  std::uint64_t generation;
  address owner;
  clock::duration period;
  bool repeating;
};

struct due {
  clock::time_point when;
  std::uint64_t generation;
  key k;
  bool operator>(const due& other) const { return when > other.when; }
};

// One thread, a deadline-ordered heap and wait_until: a timer is never early and is late only by
// the wake-up cost. A restart or cancel bumps the generation, so stale heap entries are skipped.
struct timer_service {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<key, armed> timers;
  std::priority_queue<due, std::vector<due>, std::greater<>> heap;
  std::uint64_t generations = 0;
  bool running = false;
  address self;
  std::thread thread;

  void run() {
    std::unique_lock lock(mutex);
    std::vector<std::pair<address, const type_record*>> fire;
    while (running) {
      auto now = clock::now();
      while (!heap.empty() && heap.top().when <= now) {
        due d = heap.top();
        heap.pop();
        auto found = timers.find(d.k);
        if (found == timers.end() || found->second.generation != d.generation) continue;
        fire.emplace_back(found->second.owner, d.k.second);
        if (found->second.repeating) heap.push(due{now + found->second.period, d.generation, d.k});
        else timers.erase(found);
      }
      if (!fire.empty()) {
        lock.unlock();
        for (auto& [owner, type] : fire) post(message(type->make_default(), type), owner, self);
        fire.clear();
        lock.lock();
        continue;
      }
      if (heap.empty()) changed.wait(lock);
      else {
        auto next = heap.top().when;  // a copy: the heap may grow while the lock is released
        changed.wait_until(lock, next);
      }
    }
  }
};

timer_service& service() {
  static auto* s = new timer_service;
  return *s;
}

}  // namespace

void start_timer_service(const address& self) {
  auto& s = service();
  std::lock_guard lock(s.mutex);
  s.self = self;
  s.running = true;
  s.thread = std::thread([&s] { s.run(); });
}

void stop_timer_service() {
  auto& s = service();
  std::thread t;
  {
    std::lock_guard lock(s.mutex);
    s.running = false;
    t = std::move(s.thread);
    s.timers.clear();
    s.heap = {};
  }
  s.changed.notify_all();
  if (t.joinable()) t.join();
}

void forget_timers(const address& owner) {
  auto& s = service();
  std::lock_guard lock(s.mutex);
  auto first = s.timers.lower_bound(key{owner.local_id(), nullptr});
  auto last = first;
  while (last != s.timers.end() && last->first.first == owner.local_id()) ++last;
  s.timers.erase(first, last);
}

void start_timer(const address& owner, const type_record& timer, double seconds, bool repeating) {
  if (!timer.make_default) throw std::logic_error("timer type \"" + timer.signature + "\" has no default value");
  auto& s = service();
  // Longer than a century is "never"; NaN or negative is "now". Either way the cast stays defined.
  constexpr double longest = 3.2e9;
  double bounded = seconds > 0 ? std::min(seconds, longest) : 0.0;
  auto period = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(bounded));
  bool wake = false;
  {
    std::lock_guard lock(s.mutex);
    if (!s.running) return;
    key k{owner.local_id(), &timer};
    auto generation = ++s.generations;
    s.timers[k] = armed{generation, owner, period, repeating};
    due d{clock::now() + period, generation, k};
    wake = s.heap.empty() || d.when < s.heap.top().when;
    s.heap.push(d);
  }
  if (wake) s.changed.notify_one();
}

void cancel_timer(const address& owner, const type_record& timer) {
  auto& s = service();
  std::lock_guard lock(s.mutex);
  s.timers.erase(key{owner.local_id(), &timer});
}

}  // namespace detail
}  // namespace lc
