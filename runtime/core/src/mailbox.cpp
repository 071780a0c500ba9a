#include "mailbox.hpp"

#include <cstdlib>
#include <thread>

namespace lc::detail {
namespace {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Spinning before parking measured slower on the shared 2-core machines (the spinner steals the
// core its partner needs), so the default is to park at once; the wake-up happens once per batch.
// LC_SPIN_US overrides the default (for tuning on other machines).
const std::chrono::microseconds spin_for = [] {
  const char* text = std::getenv("LC_SPIN_US");
  return std::chrono::microseconds(text ? std::atoi(text) : 0);
}();

}  // namespace

bool mailbox::push(envelope&& e) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    incoming_.push_back(std::move(e));
    waiting_work_.store(true, std::memory_order_release);
    wake = parked_;
    parked_ = false;
  }
  if (wake) ready_.notify_one();
  return true;
}

mailbox::taken mailbox::take(std::vector<envelope>& batch, std::optional<clock::time_point> deadline) {
  if (spin_for.count() > 0 && !waiting_work_.load(std::memory_order_acquire)) {
    auto spin_end = clock::now() + spin_for;
    if (deadline && *deadline < spin_end) spin_end = *deadline;
    int n = 0;
    while (!waiting_work_.load(std::memory_order_acquire)) {
      cpu_relax();
      if (++n % 64 == 0 && clock::now() >= spin_end) break;
    }
  }
  std::unique_lock lock(mutex_);
  while (incoming_.empty()) {
    if (closed_) return taken::closed;
    parked_ = true;
    if (deadline) {
      if (ready_.wait_until(lock, *deadline) == std::cv_status::timeout && incoming_.empty()) {
        parked_ = false;
        return closed_ ? taken::closed : taken::timeout;
      }
    } else {
      ready_.wait(lock);
    }
  }
  parked_ = false;
  batch.swap(incoming_);
  waiting_work_.store(false, std::memory_order_relaxed);
  return taken::some;
}

void mailbox::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

bool mailbox::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace lc::detail
