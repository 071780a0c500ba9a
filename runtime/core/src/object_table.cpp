#include "object_table.hpp"

#include <algorithm>
#include <mutex>

#include "cancel_listeners.hpp"
#include "core.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {

object_table& objects() {
  static object_table* table = new object_table;  // never destroyed: threads may outlive statics
  return *table;
}

address object_table::add(cell c) {
  address a(next_id_.fetch_add(1));
  std::unique_lock lock(mutex_);
  cells_.emplace(a.local_id(), std::move(c));
  return a;
}

address object_table::add_mailbox(std::string name, const address& parent, std::shared_ptr<mailbox> box) {
  return add(cell{std::move(name), parent, std::move(box), nullptr, {}});
}

address object_table::add_external(std::string name, const address& parent, deliver_fn deliver) {
  return add(cell{std::move(name), parent, nullptr, std::make_shared<deliver_fn>(std::move(deliver)), {}});
}

object_table::departure object_table::depart(std::uint32_t id, cell& c) {
  departure d{address(id), std::move(c.watchers), {}};
  if (c.works_for) {
    auto found = work_.find(c.works_for);
    if (found != work_.end() && found->second.erase(id) && found->second.empty()) work_.erase(found);
  }
  if (c.external && !c.retired)
    if (auto node = work_.extract(id)) d.work.assign(node.mapped().begin(), node.mapped().end());
  remember_cancelled(d.work);
  return d;
}

void object_table::remember_cancelled(const std::vector<std::uint32_t>& work) {
  if (work.empty()) return;
  std::lock_guard lock(cancelled_mutex_);
  for (auto id : work) {
    auto found = cells_.find(id);
    if (found == cells_.end() || !cancelled_.emplace(id, found->second.parent.local_id()).second) continue;
    cancelled_order_.push_back(id);
    if (cancelled_order_.size() > cancelled_limit) {
      cancelled_.erase(cancelled_order_.front());
      cancelled_order_.pop_front();
    }
  }
  any_cancelled_.store(true, std::memory_order_release);
}

void object_table::cancel_route(const address& route) {
  std::lock_guard lock(cancelled_mutex_);
  if (!cancelled_routes_.insert(route).second) return;
  cancelled_routes_order_.push_back(route);
  if (cancelled_routes_order_.size() > cancelled_limit) {
    cancelled_routes_.erase(cancelled_routes_order_.front());
    cancelled_routes_order_.pop_front();
  }
  any_route_cancelled_.store(true, std::memory_order_release);
}

bool object_table::abandoned(const envelope& e) const {
  bool routed = e.from.size() > 1;
  const auto& any = routed ? any_route_cancelled_ : any_cancelled_;
  if (!any.load(std::memory_order_acquire) || e.from.is_null() || !e.m) return false;
  if (e.m.get<Stop>() || e.m.get<Gone>() || e.m.get<Returned>()) return false;
  if (routed) {
    std::lock_guard lock(cancelled_mutex_);
    return cancelled_routes_.count(e.from) != 0;
  }
  // Ids only grow: an object older than the sender (a worker, a spool) was there before the work
  // and is what it asked; itself and its own children are newer and still hear it.
  if (e.to.local_id() >= e.from.local_id()) return false;
  std::lock_guard lock(cancelled_mutex_);
  auto found = cancelled_.find(e.from.local_id());
  return found != cancelled_.end() && e.to.local_id() != found->second;
}

void object_table::announce(const departure& d) {
  for (auto& w : d.watchers) post(Gone{d.who}, w, d.who);
  for (auto id : d.work) post(Stop{}, address(id), d.who);
  if (!d.work.empty()) cancellations().tell(d.work);
}

void object_table::remove(const address& a) {
  departure d;
  {
    std::unique_lock lock(mutex_);
    auto found = cells_.find(a.local_id());
    if (found == cells_.end()) return;
    d = depart(found->first, found->second);
    cells_.erase(found);
  }
  announce(d);
}

void object_table::retire(const address& a) {
  departure d;
  {
    std::unique_lock lock(mutex_);
    auto found = cells_.find(a.local_id());
    if (found == cells_.end() || !found->second.external || found->second.retired) return;
    d = depart(found->first, found->second);
    found->second.retired = true;
  }
  announce(d);
}

bool object_table::adopt_work(const address& child, const address& client) {
  if (client.size() < 2) return true;
  std::unique_lock lock(mutex_);
  auto proxy = cells_.find(client.local_id());
  if (proxy == cells_.end() || proxy->second.retired) return false;
  auto self = cells_.find(child.local_id());
  if (self == cells_.end()) return true;
  self->second.works_for = client.local_id();
  work_[client.local_id()].insert(child.local_id());
  return true;
}

bool object_table::contains(const address& a) const {
  if (a.is_null()) return false;
  std::shared_lock lock(mutex_);
  auto found = cells_.find(a.local_id());
  return found != cells_.end() && !found->second.retired;
}

std::size_t object_table::size() const {
  std::shared_lock lock(mutex_);
  return cells_.size();
}

bool object_table::watch(const address& target, const address& watcher) {
  std::unique_lock lock(mutex_);
  auto found = cells_.find(target.local_id());
  if (found == cells_.end() || found->second.retired) return false;
  found->second.watchers.push_back(watcher);
  return true;
}

void object_table::unwatch(const address& target, const address& watcher) {
  std::unique_lock lock(mutex_);
  auto found = cells_.find(target.local_id());
  if (found == cells_.end()) return;
  auto& w = found->second.watchers;
  w.erase(std::remove(w.begin(), w.end(), watcher), w.end());
}

bool object_table::post(message m, const address& to, const address& from) {
  std::shared_ptr<deliver_fn> external;
  {
    std::shared_lock lock(mutex_);
    auto found = to.is_null() ? cells_.end() : cells_.find(to.local_id());
    if (found != cells_.end()) {
      if (found->second.box) {
        envelope e{std::move(m), to, from};
        if (found->second.box->push(std::move(e))) return true;
        lock.unlock();
        log_dropped(e, "", "", "closed");
        return false;
      }
      external = found->second.external;
    }
  }
  if (external) {
    (*external)(std::move(m), to, from);
    return true;
  }
  log_dropped(envelope{std::move(m), to, from}, "", "", "no such object");
  return false;
}

std::vector<address> object_table::children_of(const address& parent) const {
  std::vector<address> found;
  std::shared_lock lock(mutex_);
  for (auto& [id, c] : cells_)
    if (c.parent == parent) found.push_back(address(id));
  return found;
}

std::vector<std::shared_ptr<mailbox>> object_table::mailboxes() const {
  std::vector<std::shared_ptr<mailbox>> boxes;
  std::shared_lock lock(mutex_);
  for (auto& [id, c] : cells_)
    if (c.box) boxes.push_back(c.box);
  return boxes;
}

void object_table::clear() {
  std::unique_lock lock(mutex_);
  cells_.clear();
  work_.clear();
}

}  // namespace lc::detail

// The runtime's object functions (lc/runtime.hpp, core.hpp) on the one table.
namespace lc::detail {

address register_mailbox_object(std::string name, const address& parent, std::shared_ptr<mailbox> box) {
  return objects().add_mailbox(std::move(name), parent, std::move(box));
}

address add_external(std::function<void(message, address, address)> deliver, std::string name, address parent) {
  return objects().add_external(std::move(name), parent, std::move(deliver));
}

void remove_external(const address& a) { objects().remove(a); }
void retire_external(const address& a) { objects().retire(a); }
void remove_object(const address& a) { objects().remove(a); }
bool alive(const address& a) { return objects().contains(a); }
std::size_t live_objects() { return objects().size(); }
bool watch(const address& target, const address& watcher) { return objects().watch(target, watcher); }
void unwatch(const address& target, const address& watcher) { objects().unwatch(target, watcher); }
bool post(message m, const address& to, const address& from) { return objects().post(std::move(m), to, from); }
std::vector<address> children_of(const address& parent) { return objects().children_of(parent); }

}  // namespace lc::detail
