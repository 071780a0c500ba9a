#include "lc/object_spool.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "lc/delay.hpp"
#include "lc/get_response.hpp"
#include "lc/runtime.hpp"
#include "lc/timer.hpp"

namespace lc {

namespace {
std::string optional_text(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "None"; }
std::string optional_text(const std::optional<double>& v) {
  if (!v) return "None";
  std::string out;
  write_float(*v, out);
  return out;
}
constexpr std::size_t spool_span = 32;
}  // namespace

void ObjectSpool::on(const Start&) {
  auto& s = settings_;
  if (s.object_count < 1 || (s.size_of_queue && *s.size_of_queue < 1) || (s.responsiveness && *s.responsiveness < 0.5) ||
      (s.stand_down && *s.stand_down < 2.0))
    return finish(Faulted("unexpected parameters (count=" + std::to_string(s.object_count) + ", size=" +
                     optional_text(s.size_of_queue) + ", responsiveness=" + optional_text(s.responsiveness) +
                     "), stand_down=" + optional_text(s.stand_down) + ")"));
  if (s.busy_pass_rate < 1)
    return finish(Faulted("unexpected parameters (busy_pass_rate=" + std::to_string(s.busy_pass_rate) + ")"));
  if (!factory_) return;
  for (std::int64_t i = 0; i < s.object_count; ++i) add_worker(static_cast<std::size_t>(i));
}

void ObjectSpool::on(const JoinSpool& join) {
  const address& worker = join.worker_address;
  departed_.erase(worker);
  if (clearing_ || in_flight_.contains(worker) || std::find(idle_.begin(), idle_.end(), worker) != idle_.end())
    return;
  idle_.push_back(worker);
  serve_pending();
}

void ObjectSpool::on(const LeaveSpool& leave) {
  const address& worker = leave.worker_address;
  if (std::erase(idle_, worker) > 0) return;
  auto working = in_flight_.find(worker);
  if (working == in_flight_.end()) return;
  departed_.insert(worker);
  send(Stop{}, working->second);  // its client gets Aborted
}

void ObjectSpool::add_worker(std::size_t index) {
  if (clearing_) return;
  address worker = factory_(*this, index);
  assign(worker, index);
  idle_.push_back(worker);
}

double ObjectSpool::average() const {
  if (spans_.empty()) return 0.0;
  return std::accumulate(spans_.begin(), spans_.end(), 0.0) / static_cast<double>(spans_.size());
}

void ObjectSpool::on_unknown(const message& m) {
  if (clearing_) {
    reply(Aborted{});
    return;
  }
  request r{m, return_address(), clock::now()};
  if (drop_if_departed(r)) return;
  drop_dead_idle();
  if (!idle_.empty()) return submit(std::move(r));
  if (!factory_ && working() == 0) {
    reply(TemporarilyUnavailable("Service temporarily unavailable (no worker and no immediate prospects of one)"));
    return;
  }
  if (!settings_.size_of_queue || static_cast<std::int64_t>(pending_.size()) < *settings_.size_of_queue) {
    pending_.push_back(std::move(r));
    return;
  }
  reply(Overloaded("message rejected by spool (overloaded, " + std::to_string(pending_.size()) + " pending)"));
}

void ObjectSpool::submit(request r) {
  if (settings_.responsiveness && average() >= *settings_.responsiveness) {
    ++busy_counter_;
    if (busy_counter_ % settings_.busy_pass_rate != 0) {
      char text[96];
      std::snprintf(text, sizeof text, "message rejected by spool (average response time %.2f)", average());
      send(Busy(text), r.client);
      return;
    }
  }
  address worker = idle_.front();
  idle_.pop_front();
  std::optional<double> no_response;
  if (settings_.responsiveness) no_response = *settings_.responsiveness * 5;
  // Runs where the spool runs (the default placement): no thread hop of its own.
  address getter = create<GetResponse>(r.m, worker, no_response);
  in_flight_[worker] = getter;
  on_return(getter, [worker, client = r.client, arrived = r.arrived](object& self, const message& value) {
    auto& spool = static_cast<ObjectSpool&>(self);
    spool.in_flight_.erase(worker);
    if (!spool.clearing_ && detail::alive(worker) && !spool.departed_.erase(worker)) spool.idle_.push_back(worker);
    if (!value.get<TimedOut>()) {
      spool.spans_.push_back(std::chrono::duration<double>(clock::now() - arrived).count());
      if (spool.spans_.size() > spool_span) spool.spans_.pop_front();
    }
    spool.send(value, client);
    spool.serve_pending();
  });
}

// A worker that joined from outside is not our child: it can end while idle without a Returned.
void ObjectSpool::drop_dead_idle() {
  if (factory_) return;  // our own workers are taken out by their Returned
  std::erase_if(idle_, [](const address& worker) { return !detail::alive(worker); });
}

// A client that has ended no longer waits for its answer: its request is not run. It still gets
// Aborted, which an HTTP connection that has gone takes as the end of that request's work.
bool ObjectSpool::drop_if_departed(const request& r) {
  if (!r.client || detail::alive(r.client)) return false;
  send(Aborted{}, r.client);
  return true;
}

void ObjectSpool::serve_pending() {
  drop_dead_idle();
  while (!pending_.empty() && drop_if_departed(pending_.front())) pending_.pop_front();
  if (clearing_ || pending_.empty() || idle_.empty()) return;
  request r = std::move(pending_.front());
  pending_.pop_front();
  submit(std::move(r));
}

void ObjectSpool::on(const Returned& returned) {
  if (!handle_returned(received())) {
    address worker = return_address();
    auto context = debrief();
    if (context && std::any_cast<std::size_t>(&*context))
      worker_ended(*std::any_cast<std::size_t>(&*context), worker, returned.message);
  }
  if (clearing_ && working() == 0) finish(Aborted{});
}

void ObjectSpool::worker_ended(std::size_t index, const address& worker, const message& value) {
  trace("Spool process termination (returned_value=" + (value ? value.type()->signature : std::string("None")) + ")");
  std::erase(idle_, worker);
  if (clearing_) return;
  if (!settings_.stand_down) {
    clearing_ = true;
    for (auto& r : pending_) send(Aborted{}, r.client);
    pending_.clear();
    abort(Aborted{});
    return;
  }
  address delay = create<Delay>(spread_out(*settings_.stand_down));
  on_return(delay, [index](object& self, const message&) {
    auto& spool = static_cast<ObjectSpool&>(self);
    spool.add_worker(index);
    spool.serve_pending();
  });
}

void ObjectSpool::on(const Stop&) {
  clearing_ = true;
  for (auto& r : pending_) send(Aborted{}, r.client);
  pending_.clear();
  if (abort(Aborted{}) == 0) finish(Aborted{});
}

}  // namespace lc
