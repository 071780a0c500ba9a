#include <boost/core/demangle.hpp>
#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "core.hpp"
#include "dispatcher.hpp"
#include "object_table.hpp"
#include "lc/machine.hpp"
#include "lc/runtime.hpp"

namespace lc {

object::~object() = default;

void object::log(char t, std::string_view text) const {
  if (detail::logging(t)) detail::write_log(t, self_, name_, state_name(), text);
}

void object::send(message m, const address& to) {
  if (detail::logging(tag::sent)) log(tag::sent, "Sent " + m.type_name() + " to " + to.to_string());
  detail::post(std::move(m), to, self_);
}

void object::forward(message m, const address& to, const address& as_from) {
  if (detail::logging(tag::sent))
    log(tag::sent, "Forward " + m.type_name() + " to " + to.to_string() + " (from " + as_from.to_string() + ")");
  detail::post(std::move(m), to, as_from);
}

void object::on_return(const address& child, return_callback callback) {
  contexts_[child] = on_returned{std::move(callback)};
}

bool object::handle_returned(const message& m) {
  auto* returned = m.get<Returned>();
  if (returned == nullptr) return false;
  auto found = contexts_.find(return_);
  if (found == contexts_.end()) return false;
  auto* cb = std::any_cast<on_returned>(&found->second);
  if (cb == nullptr) return false;
  auto callback = std::move(cb->callback);
  contexts_.erase(found);
  callback(*this, returned->message);
  return true;
}

void object::assign(const address& a, std::any context) { contexts_[a] = std::move(context); }

std::any* object::progress(const address& a) {
  auto found = contexts_.find(a);
  return found == contexts_.end() ? nullptr : &found->second;
}

std::optional<std::any> object::debrief(const address& a) {
  auto found = contexts_.find(a);
  if (found == contexts_.end()) return std::nullopt;
  std::any context = std::move(found->second);
  contexts_.erase(found);
  return context;
}

std::vector<address> object::running() const {
  std::vector<address> all;
  for (auto& [a, c] : contexts_) all.push_back(a);
  return all;
}

std::size_t object::abort(message aborted_value) {
  if (aborted_value) aborted_ = std::move(aborted_value);
  std::size_t n = 0;
  for (auto& [a, c] : contexts_) {
    send(Stop{}, a);
    ++n;
  }
  return n;
}

void object::complete(message value) { throw detail::completion{std::move(value)}; }

// ---------------------------------------------------------------------------------------------
channel::channel(std::string name) : object(std::move(name)), mailbox_(std::make_shared<detail::mailbox>()) {
  detail::ensure_started();
  address a = detail::register_mailbox_object(this->name(), address{}, mailbox_);
  detail_access::identify(*this, a, address{});
  if (detail::logging(tag::created)) log(tag::created, "Created by " + address{}.to_string());
}

channel::channel(spawned_tag, std::string name)
    : object(std::move(name)), mailbox_(std::make_shared<detail::mailbox>()), can_host_(true) {}

channel::~channel() {
  if (detail::alive(self_address())) {
    detail::forget_timers(self_address());
    detail::remove_object(self_address());
  }
  mailbox_->close();
}

void channel::take_delivery(const detail::envelope& e) {
  detail_access::received(*this, e.to, e.from);
  detail::log_received(*this, e);
}

// Saved messages (replay_, oldest first) come before fresh ones.
namespace {
// What cancelled work left queued (object_table::abandoned) is dropped here, before the object sees it.
bool dropped_as_abandoned(const detail::envelope& e, const channel& c) {
  if (!detail::objects().abandoned(e)) return false;
  detail::log_dropped(e, c.name(), c.state_name(), "the work that sent it was cancelled");
  return true;
}
}  // namespace

bool channel::next(detail::envelope& out, std::optional<std::chrono::steady_clock::time_point> deadline) {
  while (!replay_.empty()) {
    out = std::move(replay_.front());
    replay_.pop_front();
    if (!dropped_as_abandoned(out, *this)) return true;
  }
  return next_fresh(out, deadline);
}

bool channel::next_fresh(detail::envelope& out, std::optional<std::chrono::steady_clock::time_point> deadline) {
  for (;;) {
    if (batch_next_ == batch_.size()) {
      batch_.clear();
      batch_next_ = 0;
      switch (mailbox_->take(batch_, deadline)) {
        case detail::mailbox::taken::some: break;
        case detail::mailbox::taken::timeout: return false;
        case detail::mailbox::taken::closed: throw detail::closed_mailbox{};
      }
    }
    out = std::move(batch_[batch_next_++]);
    if (for_hosted(out)) {
      host_->deliver(out);
      continue;
    }
    if (!dropped_as_abandoned(out, *this)) return true;
  }
}

bool channel::for_hosted(const detail::envelope& e) const {
  return host_ && (e.adopt || e.to.local_id() != self_address().local_id());
}

detail::dispatcher* channel_access::host(channel& c) {
  if (!c.can_host_) return nullptr;
  if (!c.host_) c.host_ = std::make_unique<detail::dispatcher>(c.mailbox_);
  return c.host_.get();
}

void channel_access::run_hosted(channel& c) {
  if (!c.host_) return;
  while (c.batch_next_ < c.batch_.size() && !c.host_->empty()) {
    auto& e = c.batch_[c.batch_next_++];
    if (c.for_hosted(e)) c.host_->deliver(e);
  }
  c.batch_.clear();
  c.batch_next_ = 0;
  if (!c.host_->empty()) c.host_->run();
}

message channel::input() {
  detail::envelope e;
  next(e, std::nullopt);
  take_delivery(e);
  return std::move(e.m);
}

std::optional<message> channel::input(duration timeout) {
  detail::envelope e;
  if (!next(e, std::chrono::steady_clock::now() + timeout)) return std::nullopt;
  take_delivery(e);
  return std::move(e.m);
}

namespace {
std::optional<std::chrono::steady_clock::time_point> deadline_after(double seconds) {
  if (seconds < 0) return std::nullopt;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<channel::duration>(std::chrono::duration<double>(seconds));
}
}  // namespace

selected channel::select_from(const std::vector<matcher>& wanted, const std::vector<matcher>& saving,
                              double seconds) {
  auto deadline = deadline_after(seconds);
  // The saved messages first, oldest first, then fresh ones. A saved message keeps its place, so
  // requests waiting on a one-at-a-time server are served in arrival order (the reference replays
  // them newest first under load, and the oldest can starve).
  for (auto it = replay_.begin(); it != replay_.end();) {
    if (dropped_as_abandoned(*it, *this)) {
      it = replay_.erase(it);
      continue;
    }
    for (std::size_t i = 0; i < wanted.size(); ++i)
      if (it->m && wanted[i](it->m)) {
        detail::envelope e = std::move(*it);
        replay_.erase(it);
        take_delivery(e);
        return {std::move(e.m), i};
      }
    ++it;
  }
  for (;;) {
    detail::envelope e;
    if (!next_fresh(e, deadline)) return {TimedOut{}, selected::timed_out};
    take_delivery(e);
    if (e.m)
      for (std::size_t i = 0; i < wanted.size(); ++i)
        if (wanted[i](e.m)) return {std::move(e.m), i};
    bool keep = e.m && std::any_of(saving.begin(), saving.end(), [&](matcher s) { return s(e.m); });
    if (!keep) detail::log_dropped(e, name(), state_name(), "not selected");
    else replay_.push_back(std::move(e));  // kept until taken
  }
}

std::optional<message> channel::stop(const address& a, double seconds) {
  send(Stop{}, a);
  auto from_a = [&](const detail::envelope& e) { return e.from == a && e.m.get<Returned>() != nullptr; };
  auto take = [&](detail::envelope e) {
    take_delivery(e);
    debrief();
    return e.m.get<Returned>()->message;
  };
  if (auto it = std::find_if(replay_.begin(), replay_.end(), from_a); it != replay_.end()) {
    detail::envelope e = std::move(*it);
    replay_.erase(it);
    return take(std::move(e));
  }
  auto deadline = deadline_after(seconds);
  for (;;) {
    detail::envelope e;
    if (!next_fresh(e, deadline)) return std::nullopt;
    if (from_a(e)) return take(std::move(e));
    replay_.push_back(std::move(e));
  }
}

// ---------------------------------------------------------------------------------------------
namespace detail {
namespace {
std::mutex names_mutex;
std::unordered_map<const void*, std::string>& names() {
  static auto* table = new std::unordered_map<const void*, std::string>;
  return *table;
}
}  // namespace

void bind_name(const void* function, std::string name) {
  std::lock_guard lock(names_mutex);
  names()[function] = std::move(name);
}

std::string bound_name(const void* function) {
  std::lock_guard lock(names_mutex);
  auto found = names().find(function);
  return found == names().end() ? "function" : found->second;
}

std::string short_type_name(const std::type_info& type) {
  std::string full = boost::core::demangle(type.name());
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < full.size(); ++i) {
    char c = full[i];
    if (c == '<') ++depth;
    else if (c == '>') --depth;
    else if (depth == 0 && c == ':' && i + 1 < full.size() && full[i + 1] == ':') start = i + 2;
  }
  return full.substr(start);
}
}  // namespace detail

}  // namespace lc
