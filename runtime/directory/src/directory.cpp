#include "lc/directory.hpp"

#include <deque>
#include <memory>
#include <mutex>

#include "listings.hpp"
#include "process_listing.hpp"
#include "lc/runtime.hpp"

namespace lc {

namespace {

// The directory is an external object: what is sent to it is handled on the sender's thread, one
// message at a time. What it sends goes out in the order it was decided, after the lock is let go:
// one thread at a time drains the queue, and a message that reaches the directory meanwhile (from
// another thread, or from a receiver called by this drain) adds to the queue the drainer empties.
struct process_directory {
  std::mutex mutex;
  address self;
  std::unique_ptr<detail::listings> tables;
  std::deque<detail::outgoing> queue;
  bool draining = false;
};

process_directory& instance() {
  static auto* d = new process_directory;  // never destroyed: threads may outlive statics
  return *d;
}

void deliver(message m, address, address from) {
  auto& d = instance();
  std::unique_lock lock(d.mutex);
  if (!d.tables) return;
  for (auto& o : d.tables->receive(m, from)) d.queue.push_back(std::move(o));
  if (d.draining) return;
  d.draining = true;
  while (!d.queue.empty()) {
    auto batch = std::move(d.queue);
    d.queue.clear();
    lock.unlock();
    for (auto& o : batch) detail::post(std::move(o.m), o.to, o.from);
    lock.lock();
  }
  d.draining = false;
}

void stop_directory() {
  address self;
  {
    std::lock_guard lock(instance().mutex);
    self = instance().self;
    instance().self = {};
    if (instance().tables) instance().tables->unwatch_all();
    instance().tables.reset();
  }
  if (self) detail::remove_external(self);
}

}  // namespace

DirectoryListing detail::process_listing() {
  directory_address();
  auto& d = instance();
  std::lock_guard lock(d.mutex);
  return d.tables ? d.tables->listing() : DirectoryListing{};
}

address directory_address() {
  auto& d = instance();
  std::lock_guard lock(d.mutex);
  if (d.self && detail::alive(d.self)) return d.self;
  d.self = detail::add_external(deliver, "ObjectDirectory");
  d.tables = std::make_unique<detail::listings>(d.self);
  detail::on_teardown(90, stop_directory);  // before the network's (100)
  return d.self;
}

void publish(object& self, std::string name, ScopeOfDirectory scope, bool encrypted) {
  self.send(PublishAs{std::move(name), scope, self.self_address(), encrypted}, directory_address());
}

void subscribe(object& self, std::string search, ScopeOfDirectory scope) {
  self.send(SubscribeTo{std::move(search), scope, self.self_address()}, directory_address());
}

void clear_published(object& self, const Published& published, std::optional<std::string> note) {
  self.send(ClearPublished{published.name, published.scope, published.published_id, std::move(note)},
            directory_address());
}

void clear_subscribed(object& self, const Subscribed& subscribed, std::optional<std::string> note) {
  self.send(ClearSubscribed{subscribed.search, subscribed.scope, subscribed.subscribed_id, std::move(note)},
            directory_address());
}

}  // namespace lc
