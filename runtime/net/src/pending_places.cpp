#include "pending_places.hpp"

#include <vector>

#include "http_server_session.hpp"

namespace lc::detail {

bool pending_places::take_or_wait(const std::weak_ptr<http_session>& waiter) {
  std::lock_guard lock(mutex_);
  if (taken_ < cap_) {
    ++taken_;
    return true;
  }
  waiters_.push_back(waiter);
  return false;
}

// A place handed over stays taken: it is the waiter's now, and it gives it back if it no longer
// has a request for it.
void pending_places::give_back(std::size_t count) {
  std::vector<std::shared_ptr<http_session>> granted;
  {
    std::lock_guard lock(mutex_);
    while (count > 0 && !waiters_.empty()) {
      auto next = waiters_.front().lock();
      waiters_.pop_front();
      if (!next) continue;
      granted.push_back(std::move(next));
      --count;
    }
    taken_ -= count;
  }
  for (auto& session : granted) session->granted();
}

std::size_t pending_places::taken() const {
  std::lock_guard lock(mutex_);
  return taken_;
}

std::size_t pending_places::waiting() const {
  std::lock_guard lock(mutex_);
  return waiters_.size();
}

}  // namespace lc::detail
