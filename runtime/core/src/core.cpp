// Creating and ending objects, and the log lines every object shares.
#include "core.hpp"

#include "dispatcher.hpp"
#include "object_table.hpp"
#include "object_threads.hpp"
#include "lc/channel.hpp"
#include "lc/machine.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {
namespace {

std::string fault_suffix(const message& m) {
  if (auto* f = m.get<Faulted>()) return ", " + f->to_string();
  return {};
}

}  // namespace

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

address spawn_function(object& parent, std::string name, function_body body) {
  ensure_started();
  if (stopping()) return address{};
  auto self = channel_access::make_spawned(std::move(name));
  address a = register_mailbox_object(self->name(), parent.self_address(), channel_access::box(*self));
  detail_access::identify(*self, a, parent.self_address());
  if (logging(tag::created)) self->log(tag::created, "Created by " + parent.self_address().to_string());
  if (!objects().adopt_work(a, parent.return_address())) {  // its remote party has gone: it never runs
    end_object(*self, Aborted{});
    return a;
  }
  auto id = a.local_id();
  // std::function needs a copyable callable: the channel travels in a shared_ptr.
  std::shared_ptr<channel> owned = std::move(self);
  threads().start(id, [owned = std::move(owned), body = std::move(body), id]() mutable {
    message value;
    try {
      value = body(*owned);
    } catch (completion& c) {
      value = std::move(c.value);
    } catch (closed_mailbox&) {
      value = Aborted{};
    } catch (std::exception& x) {
      value = unhandled_exception(*owned, x.what());
    } catch (...) {
      value = unhandled_exception(*owned, "unknown exception");
    }
    end_object(*owned, std::move(value));
    channel_access::run_hosted(*owned);
    owned.reset();
    threads().done(id);
  });
  return a;
}

address spawn_machine(object& parent, std::unique_ptr<machine_base> machine, placement where) {
  ensure_started();
  if (stopping()) return address{};
  std::unique_ptr<dispatcher> own;
  dispatcher* d = nullptr;
  bool hosted = false;
  if (where.kind == placement::own_thread) {
    own = std::make_unique<dispatcher>(true);
    d = own.get();
  } else if (auto* c = dynamic_cast<channel*>(&parent); c && where.kind == placement::default_dispatcher && channel_access::host(*c)) {
    d = channel_access::host(*c);
    hosted = true;
  } else if (auto* m = dynamic_cast<machine_base*>(&parent); m && where.kind == placement::default_dispatcher && machine_access::home(*m)) {
    d = machine_access::home(*m);  // on the thread that runs its parent, which is the thread calling here
    hosted = true;
  } else {
    d = &threads().shared(where);
  }
  address a = register_mailbox_object(machine->name(), parent.self_address(), d->box);
  detail_access::identify(*machine, a, parent.self_address());
  if (logging(tag::created)) machine->log(tag::created, "Created by " + parent.self_address().to_string());
  if (!objects().adopt_work(a, parent.return_address())) {  // its remote party has gone: it never runs
    end_object(*machine, Aborted{});
    return a;
  }
  if (hosted) d->expect_adoption();
  d->box->push(envelope{{}, a, parent.self_address(), machine.release()});
  d->box->push(envelope{Start{}, a, parent.self_address()});
  if (own) {
    auto id = a.local_id();
    threads().start(id, [d, id] {
      d->run();
      threads().done(id);
    }, std::move(own));
  }
  return a;
}

}  // namespace lc::detail
