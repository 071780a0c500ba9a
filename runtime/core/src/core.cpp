#include "core.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <optional>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lc/channel.hpp"
#include "lc/machine.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {
namespace {

using deliver_fn = std::function<void(message, address, address)>;

struct cell {
  std::string name;
  address parent;
  std::shared_ptr<mailbox> box;
  std::shared_ptr<deliver_fn> external;
  std::vector<address> watchers;
  std::uint32_t works_for = 0;  // the connection proxy of the remote party it was created for
  bool retired = false;         // an external that has gone but still hears late messages
};

// Runs machines: many on a shared dispatcher, or one on its own thread (`single`).
class dispatcher {
 public:
  explicit dispatcher(bool single) : single_(single) {}
  std::shared_ptr<mailbox> box = std::make_shared<mailbox>();
  void run();

 private:
  struct hosted {
    std::unique_ptr<machine_base> machine;
    std::vector<envelope> saved;
  };
  void deliver(envelope& e);
  bool dispatch(hosted& h, envelope& e);  // true when the machine ended
  bool single_;
  std::unordered_map<std::uint32_t, hosted> objects_;
};

struct runtime_state {
  std::atomic<bool> stopping{false};
  std::atomic<bool> started_flag{false};
  std::shared_mutex table_mutex;
  std::unordered_map<std::uint32_t, cell> table;
  std::unordered_map<std::uint32_t, std::unordered_set<std::uint32_t>> work;  // proxy id -> works_for it
  std::atomic<std::uint32_t> next_id{1};

  std::mutex mutex;  // everything below
  bool started = false;
  address timer;
  std::unique_ptr<dispatcher> default_dispatcher;
  std::thread default_thread;
  std::map<std::string, std::pair<std::unique_ptr<dispatcher>, std::thread>> named;
  std::unordered_map<std::uint32_t, std::thread> own_threads;  // functions and threaded machines
  std::vector<std::uint32_t> finished_threads;
  std::multimap<int, std::function<void()>> teardown;
  std::unordered_map<std::uint32_t, std::unique_ptr<dispatcher>> single_dispatchers;
};

runtime_state& rt() {
  static runtime_state* state = new runtime_state;  // never destroyed: threads may outlive statics
  return *state;
}

std::string fault_suffix(const message& m) {
  if (auto* f = m.get<Faulted>()) return ", " + f->to_string();
  return {};
}

void join_finished(std::unique_lock<std::mutex>& lock) {
  auto& r = rt();
  while (!r.finished_threads.empty()) {
    auto id = r.finished_threads.back();
    r.finished_threads.pop_back();
    auto found = r.own_threads.find(id);
    if (found == r.own_threads.end()) continue;
    std::thread t = std::move(found->second);
    r.own_threads.erase(found);
    r.single_dispatchers.erase(id);  // safe: its thread has left run()... after join below
    lock.unlock();
    if (t.joinable()) t.join();
    lock.lock();
  }
}

void thread_done(std::uint32_t id) {
  std::lock_guard lock(rt().mutex);
  rt().finished_threads.push_back(id);
}

dispatcher& shared_dispatcher(const placement& where) {
  auto& r = rt();
  std::lock_guard lock(r.mutex);
  if (where.kind == placement::named_thread) {
    auto& slot = r.named[where.thread_name];
    if (!slot.first) {
      slot.first = std::make_unique<dispatcher>(false);
      slot.second = std::thread([d = slot.first.get()] { d->run(); });
    }
    return *slot.first;
  }
  if (!r.default_dispatcher) {
    r.default_dispatcher = std::make_unique<dispatcher>(false);
    r.default_thread = std::thread([d = r.default_dispatcher.get()] { d->run(); });
  }
  return *r.default_dispatcher;
}

address new_address() { return address(rt().next_id.fetch_add(1)); }

void add_cell(const address& a, cell c) {
  std::unique_lock lock(rt().table_mutex);
  rt().table.emplace(a.local_id(), std::move(c));
}

// Who hears that an object or a connection has gone: its watchers get Gone, the objects working
// for a remote party behind it get Stop. Taken under the table lock, told after it.
struct departure {
  address who;
  std::vector<address> watchers;
  std::vector<std::uint32_t> work;
};

departure depart(std::uint32_t id, cell& c) {
  departure d{address(id), std::move(c.watchers), {}};
  if (c.works_for) {
    auto found = rt().work.find(c.works_for);
    if (found != rt().work.end() && found->second.erase(id) && found->second.empty()) rt().work.erase(found);
  }
  if (c.external && !c.retired) {
    if (auto node = rt().work.extract(id)) d.work.assign(node.mapped().begin(), node.mapped().end());
  }
  return d;
}

void announce(const departure& d) {
  for (auto& w : d.watchers) post(Gone{d.who}, w, d.who);
  for (auto id : d.work) post(Stop{}, address(id), d.who);
}

// An object created while its parent handles a message from a remote party (an address routed
// through a connection) works for that party. False when the party's connection has gone.
bool adopt_work(const address& child, const address& client) {
  if (client.size() < 2) return true;
  std::unique_lock lock(rt().table_mutex);
  auto proxy = rt().table.find(client.local_id());
  if (proxy == rt().table.end() || proxy->second.retired) return false;
  auto self = rt().table.find(child.local_id());
  if (self == rt().table.end()) return true;
  self->second.works_for = client.local_id();
  rt().work[client.local_id()].insert(child.local_id());
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
void dispatcher::run() {
  std::vector<envelope> batch;
  for (;;) {
    if (box->take(batch) == mailbox::taken::closed) break;
    for (auto& e : batch) deliver(e);
    batch.clear();
    if (single_ && objects_.empty()) break;
  }
  // Shutdown: whatever is still hosted ends without a Returned (its parent is gone too).
  for (auto& [id, h] : objects_) {
    if (logging(tag::destroyed)) h.machine->log(tag::destroyed, "Destroyed");
    forget_timers(h.machine->self_address());
    remove_object(h.machine->self_address());
  }
  objects_.clear();
}

void dispatcher::deliver(envelope& e) {
  if (e.adopt) {
    objects_.emplace(e.to.local_id(), hosted{std::unique_ptr<machine_base>(e.adopt), {}});
    e.adopt = nullptr;
    return;
  }
  auto found = objects_.find(e.to.local_id());
  if (found == objects_.end()) {
    log_dropped(e, "", "", "no such object");
    return;
  }
  hosted& h = found->second;
  std::vector<envelope> replays = std::move(h.saved);
  h.saved.clear();
  bool ended = dispatch(h, e);
  for (auto& r : replays) {
    if (ended) break;
    ended = dispatch(h, r);
  }
  if (ended) objects_.erase(found);
}

bool dispatcher::dispatch(hosted& h, envelope& e) {
  machine_base& m = *h.machine;
  detail_access::received(m, e.to, e.from);
  log_received(m, e);
  std::optional<message> value;
  try {
    switch (machine_access::receive(m, e.m)) {
      case machine_base::outcome::handled: break;
      case machine_base::outcome::saved:  // kept until taken (the reference drops it after 8 replays)
        h.saved.push_back(std::move(e));
        break;
      case machine_base::outcome::dropped: log_dropped(e, m.name(), m.state_name()); break;
    }
    value = machine_access::take_finished(m);  // finish(): no exception on the usual way out
    if (!value) return false;
  } catch (completion& c) {
    value = std::move(c.value);
  } catch (closed_mailbox&) {
    value = Aborted{};
  } catch (std::exception& x) {
    value = unhandled_exception(m, x.what());
  } catch (...) {
    value = unhandled_exception(m, "unknown exception");
  }
  end_object(m, std::move(*value));
  return true;
}

// ---------------------------------------------------------------------------------------------
void ensure_started() {
  auto& r = rt();
  if (r.started_flag.load(std::memory_order_acquire)) return;
  std::lock_guard lock(r.mutex);  // held throughout: nobody uses a half-started runtime
  if (r.started) return;
  static std::once_flag at_exit;
  std::call_once(at_exit, [] { std::atexit([] { shutdown(); }); });
  r.timer = add_external([](message, address, address) {}, "CountdownTimer");
  start_timer_service(r.timer);
  r.started = true;
  r.started_flag.store(true, std::memory_order_release);
}

address timer_address() {
  ensure_started();
  std::lock_guard lock(rt().mutex);
  return rt().timer;
}

address register_mailbox_object(std::string name, const address& parent, std::shared_ptr<mailbox> box) {
  address a = new_address();
  add_cell(a, cell{std::move(name), parent, std::move(box), nullptr, {}});
  return a;
}

address add_external(std::function<void(message, address, address)> deliver, std::string name,
                     address parent) {
  address a = new_address();
  add_cell(a, cell{std::move(name), parent, nullptr, std::make_shared<deliver_fn>(std::move(deliver)), {}});
  return a;
}

void remove_external(const address& a) { remove_object(a); }

void retire_external(const address& a) {
  departure d;
  {
    std::unique_lock lock(rt().table_mutex);
    auto found = rt().table.find(a.local_id());
    if (found == rt().table.end() || !found->second.external || found->second.retired) return;
    d = depart(found->first, found->second);
    found->second.retired = true;
  }
  announce(d);
}

void remove_object(const address& a) {
  departure d;
  {
    std::unique_lock lock(rt().table_mutex);
    auto found = rt().table.find(a.local_id());
    if (found == rt().table.end()) return;
    d = depart(found->first, found->second);
    rt().table.erase(found);
  }
  announce(d);
}

bool alive(const address& a) {
  if (a.is_null()) return false;
  std::shared_lock lock(rt().table_mutex);
  auto found = rt().table.find(a.local_id());
  return found != rt().table.end() && !found->second.retired;
}

std::size_t live_objects() {
  std::shared_lock lock(rt().table_mutex);
  return rt().table.size();
}

bool watch(const address& target, const address& watcher) {
  std::unique_lock lock(rt().table_mutex);
  auto found = rt().table.find(target.local_id());
  if (found == rt().table.end() || found->second.retired) return false;
  found->second.watchers.push_back(watcher);
  return true;
}

void unwatch(const address& target, const address& watcher) {
  std::unique_lock lock(rt().table_mutex);
  auto found = rt().table.find(target.local_id());
  if (found == rt().table.end()) return;
  auto& w = found->second.watchers;
  w.erase(std::remove(w.begin(), w.end(), watcher), w.end());
}

bool post(message m, const address& to, const address& from) {
  std::shared_ptr<deliver_fn> external;
  {
    std::shared_lock lock(rt().table_mutex);
    auto found = to.is_null() ? rt().table.end() : rt().table.find(to.local_id());
    if (found != rt().table.end()) {
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

void on_teardown(int order, std::function<void()> hook) {
  std::lock_guard lock(rt().mutex);
  rt().teardown.emplace(order, std::move(hook));
}

void run_teardown_hooks() {
  std::multimap<int, std::function<void()>> hooks;
  {
    std::lock_guard lock(rt().mutex);
    hooks.swap(rt().teardown);
  }
  for (auto& [order, hook] : hooks) hook();
}

// ---------------------------------------------------------------------------------------------
void log_dropped(const envelope& e, std::string_view name, std::string_view state, std::string_view why) {
  if (!logging(tag::received)) return;
  std::string text = "Dropped " + e.m.type_name() + " from " + e.from.to_string() + fault_suffix(e.m);
  if (!why.empty()) text += " (" + std::string(why) + ")";
  write_log(tag::received, e.to, name, state, text);
}

void log_received(const object& o, const envelope& e) {
  if (!logging(tag::received)) return;
  o.log(tag::received, "Received " + e.m.type_name() + " from " + e.from.to_string() + fault_suffix(e.m));
}

message unhandled_exception(object& o, std::string_view what) {
  std::string text = "unhandled exception (" + std::string(what) + ")";
  if (logging(tag::fault)) o.log(tag::fault, text);
  return Faulted("object faulted", text);
}

void end_object(object& o, message value) {
  if (logging(tag::destroyed)) o.log(tag::destroyed, "Destroyed");
  value = detail_access::final_value(o, std::move(value));
  address self = o.self_address();
  forget_timers(self);
  remove_object(self);
  post(Returned{std::move(value)}, o.parent_address(), self);
}

// ---------------------------------------------------------------------------------------------
address spawn_function(object& parent, std::string name, function_body body) {
  ensure_started();
  if (rt().stopping) return address{};
  auto self = channel_access::make_spawned(std::move(name));
  address a = register_mailbox_object(self->name(), parent.self_address(), channel_access::box(*self));
  detail_access::identify(*self, a, parent.self_address());
  if (logging(tag::created)) self->log(tag::created, "Created by " + parent.self_address().to_string());
  if (!adopt_work(a, parent.return_address())) {  // its remote party has gone: it never runs
    end_object(*self, Aborted{});
    return a;
  }
  std::unique_lock lock(rt().mutex);
  join_finished(lock);
  rt().own_threads.emplace(a.local_id(), std::thread([self = std::move(self), body = std::move(body)]() mutable {
    message value;
    try {
      value = body(*self);
    } catch (completion& c) {
      value = std::move(c.value);
    } catch (closed_mailbox&) {
      value = Aborted{};
    } catch (std::exception& x) {
      value = unhandled_exception(*self, x.what());
    } catch (...) {
      value = unhandled_exception(*self, "unknown exception");
    }
    auto id = self->self_address().local_id();
    end_object(*self, std::move(value));
    self.reset();
    thread_done(id);
  }));
  return a;
}

address spawn_machine(object& parent, std::unique_ptr<machine_base> machine, placement where) {
  ensure_started();
  if (rt().stopping) return address{};
  dispatcher* d = nullptr;
  std::unique_ptr<dispatcher> own;
  if (where.kind == placement::own_thread) {
    own = std::make_unique<dispatcher>(true);
    d = own.get();
  } else {
    d = &shared_dispatcher(where);
  }
  address a = register_mailbox_object(machine->name(), parent.self_address(), d->box);
  detail_access::identify(*machine, a, parent.self_address());
  if (logging(tag::created)) machine->log(tag::created, "Created by " + parent.self_address().to_string());
  if (!adopt_work(a, parent.return_address())) {  // its remote party has gone: it never runs
    end_object(*machine, Aborted{});
    return a;
  }
  d->box->push(envelope{{}, a, parent.self_address(), machine.release()});
  d->box->push(envelope{Start{}, a, parent.self_address()});
  if (own) {
    std::unique_lock lock(rt().mutex);
    join_finished(lock);
    auto id = a.local_id();
    auto* raw = own.get();
    rt().single_dispatchers.emplace(id, std::move(own));
    rt().own_threads.emplace(id, std::thread([raw, id] {
      raw->run();
      thread_done(id);
    }));
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
void shutdown() {
  auto& r = rt();
  {
    std::lock_guard lock(r.mutex);
    if (!r.started) return;
  }
  r.stopping = true;
  // Close every mailbox: blocked functions unwind, dispatchers drain and leave.
  std::vector<std::shared_ptr<mailbox>> boxes;
  {
    std::shared_lock lock(r.table_mutex);
    for (auto& [id, c] : r.table)
      if (c.box) boxes.push_back(c.box);
  }
  {
    std::lock_guard lock(r.mutex);
    if (r.default_dispatcher) boxes.push_back(r.default_dispatcher->box);
    for (auto& [name, slot] : r.named) boxes.push_back(slot.first->box);
    for (auto& [id, d] : r.single_dispatchers) boxes.push_back(d->box);
  }
  for (auto& b : boxes) b->close();
  stop_timer_service();
  std::unique_lock lock(r.mutex);
  while (!r.own_threads.empty()) {
    auto node = r.own_threads.extract(r.own_threads.begin());
    lock.unlock();
    if (node.mapped().joinable()) node.mapped().join();
    lock.lock();
  }
  r.finished_threads.clear();
  r.single_dispatchers.clear();
  std::thread default_thread = std::move(r.default_thread);
  auto named = std::move(r.named);
  r.named.clear();
  lock.unlock();
  if (default_thread.joinable()) default_thread.join();
  for (auto& [name, slot] : named)
    if (slot.second.joinable()) slot.second.join();
  lock.lock();
  r.default_dispatcher.reset();
  {
    std::unique_lock table_lock(r.table_mutex);
    r.table.clear();
    r.work.clear();
  }
  r.started = false;
  r.started_flag.store(false);
  r.stopping = false;
}

}  // namespace lc::detail

namespace lc::detail {
std::vector<address> children_of(const address& parent) {
  std::vector<address> found;
  std::shared_lock lock(rt().table_mutex);
  for (auto& [id, c] : rt().table)
    if (c.parent == parent) found.push_back(address(id));
  return found;
}
}  // namespace lc::detail
