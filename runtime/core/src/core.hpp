#pragma once
// Runtime internals shared by the source files: starting, ending and logging objects, and the
// runtime's life (lifecycle.cpp). The table is object_table.hpp, the threads object_threads.hpp.
#include <memory>
#include <string>
#include <vector>

#include "mailbox.hpp"
#include "lc/object.hpp"

namespace lc::detail {

struct closed_mailbox {};  // thrown by channel::input() when the runtime shuts down

void ensure_started();
bool stopping();  // shutdown under way: nothing new starts
address register_mailbox_object(std::string name, const address& parent, std::shared_ptr<mailbox> box);
// Ends an object: X log, removal from the table (watchers told, timers forgotten), Returned to parent.
void end_object(object& o, message value);
void remove_object(const address& a);
void log_dropped(const envelope& e, std::string_view name, std::string_view state, std::string_view why = {});
void log_received(const object& o, const envelope& e);
message unhandled_exception(object& o, std::string_view what);
void run_teardown_hooks();
std::vector<address> children_of(const address& parent);

// Timer service (timer.cpp).
void start_timer_service(const address& self);
void stop_timer_service();
void forget_timers(const address& owner);

}  // namespace lc::detail

#include "lc/channel.hpp"

namespace lc {
struct channel_access {
  static std::unique_ptr<channel> make_spawned(std::string name) {
    return std::unique_ptr<channel>(new channel(channel::spawned_tag{}, std::move(name)));
  }
  static std::shared_ptr<detail::mailbox> box(channel& c) { return c.mailbox_; }
  // The dispatcher that runs c's machines on c's thread; null when c cannot host (see channel.hpp).
  static detail::dispatcher* host(channel& c);
  // After c's function has ended: its machines still running are run to their end on its thread.
  static void run_hosted(channel& c);
};
}  // namespace lc
