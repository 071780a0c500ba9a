#pragma once
// The places a listener has for requests delivered to the app and not yet answered, shared by all
// its connections. A connection that finds none waits in line; a place given back goes to the
// oldest waiter still there, on that connection's own executor.
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>

namespace lc::detail {

class http_session;

class pending_places {
 public:
  explicit pending_places(std::size_t cap) : cap_(cap) {}
  // A place now, or false and `waiter` is in line for the next one (granted()).
  bool take_or_wait(const std::weak_ptr<http_session>& waiter);
  void give_back(std::size_t count = 1);
  std::size_t taken() const;
  std::size_t waiting() const;

 private:
  mutable std::mutex mutex_;
  std::size_t cap_;
  std::size_t taken_ = 0;
  std::deque<std::weak_ptr<http_session>> waiters_;
};

}  // namespace lc::detail
