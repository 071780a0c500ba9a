#include "cancel_listeners.hpp"

#include "object_table.hpp"

namespace lc::detail {

std::uint64_t cancel_listeners::add(cancel_listener listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace(next_key_, std::make_shared<const cancel_listener>(std::move(listener)));
  return next_key_++;
}

void cancel_listeners::remove(std::uint64_t key) {
  std::lock_guard lock(mutex_);
  listeners_.erase(key);
}

void cancel_listeners::tell(const std::vector<std::uint32_t>& work) const {
  std::vector<std::shared_ptr<const cancel_listener>> told;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, listener] : listeners_) told.push_back(listener);
  }
  for (const auto& listener : told) (*listener)(work);
}

cancel_listeners& cancellations() {
  static auto* listeners = new cancel_listeners;  // never destroyed: threads may outlive statics
  return *listeners;
}

std::uint64_t add_cancel_listener(cancel_listener listener) { return cancellations().add(std::move(listener)); }
void remove_cancel_listener(std::uint64_t key) { cancellations().remove(key); }
void cancel_route(const address& route) { objects().cancel_route(route); }

}  // namespace lc::detail
