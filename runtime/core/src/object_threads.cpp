#include "object_threads.hpp"

namespace lc::detail {

object_threads& threads() {
  static object_threads* registry = new object_threads;  // never destroyed: threads may outlive statics
  return *registry;
}

dispatcher& object_threads::shared(const placement& where) {
  std::lock_guard lock(mutex_);
  if (where.kind == placement::named_thread) {
    auto& slot = named_[where.thread_name];
    if (!slot.first) {
      slot.first = std::make_unique<dispatcher>(false);
      slot.second = std::thread([d = slot.first.get()] { d->run(); });
    }
    return *slot.first;
  }
  if (!default_dispatcher_) {
    default_dispatcher_ = std::make_unique<dispatcher>(false);
    default_thread_ = std::thread([d = default_dispatcher_.get()] { d->run(); });
  }
  return *default_dispatcher_;
}

void object_threads::start(std::uint32_t id, std::function<void()> body, std::unique_ptr<dispatcher> own) {
  std::unique_lock lock(mutex_);
  join_finished(lock);
  if (own) own_dispatchers_.emplace(id, std::move(own));
  own_threads_.emplace(id, std::thread(std::move(body)));
}

void object_threads::done(std::uint32_t id) {
  std::lock_guard lock(mutex_);
  finished_.push_back(id);
}

void object_threads::join_finished(std::unique_lock<std::mutex>& lock) {
  while (!finished_.empty()) {
    auto id = finished_.back();
    finished_.pop_back();
    auto found = own_threads_.find(id);
    if (found == own_threads_.end()) continue;
    std::thread t = std::move(found->second);
    own_threads_.erase(found);
    lock.unlock();
    if (t.joinable()) t.join();
    lock.lock();
    own_dispatchers_.erase(id);  // its thread has left run()
  }
}

std::vector<std::shared_ptr<mailbox>> object_threads::dispatcher_mailboxes() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<mailbox>> boxes;
  if (default_dispatcher_) boxes.push_back(default_dispatcher_->box);
  for (auto& [name, slot] : named_) boxes.push_back(slot.first->box);
  for (auto& [id, d] : own_dispatchers_) boxes.push_back(d->box);
  return boxes;
}

void object_threads::join_all() {
  std::unique_lock lock(mutex_);
  while (!own_threads_.empty()) {
    auto node = own_threads_.extract(own_threads_.begin());
    lock.unlock();
    if (node.mapped().joinable()) node.mapped().join();
    lock.lock();
  }
  finished_.clear();
  own_dispatchers_.clear();
  std::thread default_thread = std::move(default_thread_);
  auto named = std::move(named_);
  named_.clear();
  lock.unlock();
  if (default_thread.joinable()) default_thread.join();
  for (auto& [name, slot] : named)
    if (slot.second.joinable()) slot.second.join();
  lock.lock();
  default_dispatcher_.reset();
}

}  // namespace lc::detail
