#pragma once
// A thread's mailbox: producers append under a mutex, the one consumer swaps the whole batch out
// and drains it without re-locking; a parked consumer is woken once, not once per message.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "lc/envelope.hpp"

namespace lc::detail {

class mailbox {
 public:
  using clock = std::chrono::steady_clock;
  enum class taken { some, timeout, closed };

  mailbox() { incoming_.reserve(64); }

  // False when the mailbox is closed (the message is not queued).
  bool push(envelope&& e);
  // Swaps every queued envelope into `batch` (which must be empty), waiting until `deadline`.
  // Spins for LC_SPIN_US (default 0) before parking. `closed` only once closed and empty.
  taken take(std::vector<envelope>& batch, std::optional<clock::time_point> deadline = {});
  // Wakes the consumer; later pushes fail; take() returns what is left, then closed.
  void close();
  bool closed() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<envelope> incoming_;
  std::atomic<bool> waiting_work_{false};
  bool parked_ = false;
  bool closed_ = false;
};

}  // namespace lc::detail
