#include "dispatcher.hpp"

#include <optional>

#include "core.hpp"
#include "object_table.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {

void dispatcher::run() {
  std::vector<envelope> batch;
  for (;;) {
    if (box->take(batch) == mailbox::taken::closed) break;
    for (auto& e : batch) deliver(e);
    batch.clear();
    if (single_ && empty()) break;
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
    if (expected_) --expected_;
    machine_access::settle(*e.adopt, this);
    objects_.emplace(e.to.local_id(), hosted{std::unique_ptr<machine_base>(e.adopt), {}});
    e.adopt = nullptr;
    return;
  }
  auto found = objects_.find(e.to.local_id());
  if (found == objects_.end()) {
    log_dropped(e, "", "", "no such object");
    return;
  }
  if (objects().abandoned(e)) {
    log_dropped(e, "", "", "the work that sent it was cancelled");
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

}  // namespace lc::detail
