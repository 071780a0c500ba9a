// The runtime's life: started on first use (with the timer service), teardown hooks, shutdown.
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

#include "core.hpp"
#include "object_table.hpp"
#include "object_threads.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {
namespace {

struct lifecycle {
  std::atomic<bool> stopping{false};
  std::atomic<bool> started_flag{false};
  std::mutex mutex;  // everything below
  bool started = false;
  address timer;
  std::multimap<int, std::function<void()>> teardown;
};

lifecycle& life() {
  static lifecycle* state = new lifecycle;  // never destroyed: threads may outlive statics
  return *state;
}

}  // namespace

bool stopping() { return life().stopping; }

void ensure_started() {
  auto& l = life();
  if (l.started_flag.load(std::memory_order_acquire)) return;
  std::lock_guard lock(l.mutex);  // held throughout: nobody uses a half-started runtime
  if (l.started) return;
  static std::once_flag at_exit;
  std::call_once(at_exit, [] { std::atexit([] { shutdown(); }); });
  l.timer = add_external([](message, address, address) {}, "CountdownTimer");
  start_timer_service(l.timer);
  l.started = true;
  l.started_flag.store(true, std::memory_order_release);
}

address timer_address() {
  ensure_started();
  std::lock_guard lock(life().mutex);
  return life().timer;
}

void on_teardown(int order, std::function<void()> hook) {
  std::lock_guard lock(life().mutex);
  life().teardown.emplace(order, std::move(hook));
}

void run_teardown_hooks() {
  std::multimap<int, std::function<void()>> hooks;
  {
    std::lock_guard lock(life().mutex);
    hooks.swap(life().teardown);
  }
  for (auto& [order, hook] : hooks) hook();
}

void shutdown() {
  auto& l = life();
  {
    std::lock_guard lock(l.mutex);
    if (!l.started) return;
  }
  l.stopping = true;
  // Close every mailbox: blocked functions unwind, dispatchers drain and leave.
  auto boxes = objects().mailboxes();
  for (auto& b : threads().dispatcher_mailboxes()) boxes.push_back(b);
  for (auto& b : boxes) b->close();
  stop_timer_service();
  threads().join_all();
  objects().clear();
  std::lock_guard lock(l.mutex);
  l.started = false;
  l.started_flag.store(false);
  l.stopping = false;
}

}  // namespace lc::detail
