#pragma once
// The process root and the low-level hooks the network and process layers build on.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lc/channel.hpp"
#include "lc/machine.hpp"
#include "lc/object.hpp"

namespace lc {

// Sent to a watcher (detail::watch) from the ended object's address when that object ends.
struct Gone {
  address who;
};
BOOST_DESCRIBE_STRUCT(Gone, (), (who))

struct run_settings {
  bool handle_signals = true;  // SIGINT/SIGTERM/SIGHUP/SIGQUIT become Stop to the main object
  double stop_grace = 10.0;    // seconds the main object's children get to end after Stop
  // A process ends promptly even when a thread is busy (a table being computed cannot be
  // interrupted): after `busy_grace` seconds, objects still running are abandoned unless
  // `keep_waiting()` says otherwise (child processes, which end by themselves). The caller must
  // then leave with _exit (detail::threads_abandoned()), as the entry point does.
  bool abandon_busy = false;
  double busy_grace = 0.25;
  std::function<bool()> keep_waiting;
};

namespace detail {
// An object whose mailbox is a callback, run on the SENDER's thread.
address add_external(std::function<void(message, address to, address from)> deliver, std::string name,
                     address parent = {});
// Objects created while their parent handles a message from a remote party (an address routed
// through an external, such as an HTTP request or a peer's object) work for that party: when the
// external retires or is removed they get Stop, and one created after that never runs (its
// parent gets Returned(Aborted) at once).
void remove_external(const address& a);
// The external has gone: it is no longer alive (watchers get Gone, its remote parties' work gets
// Stop), but messages still reach its callback, late replies included, until remove_external.
void retire_external(const address& a);
// Work stopped because its remote party went (above) is told to every listener, with its ids, on
// the thread that noticed: a framed link to a peer of our own passes it on.
using cancel_listener = std::function<void(const std::vector<std::uint32_t>& work)>;
std::uint64_t add_cancel_listener(cancel_listener listener);
void remove_cancel_listener(std::uint64_t key);
// Such work elsewhere, known here by `route` (an address through a connection): what it left
// waiting in a mailbox here is dropped before its object sees it (Stop, Gone, Returned excepted).
void cancel_route(const address& route);
// Injects a message from any thread. False (and a Dropped log) when `to` is not alive.
bool post(message m, const address& to, const address& from);
bool alive(const address& a);
// `watcher` receives Gone{target} from `target` when target ends. False if target is already dead.
bool watch(const address& target, const address& watcher);
void unwatch(const address& target, const address& watcher);
// Hooks run, lowest order first, when the process root ends (after its children stopped).
void on_teardown(int order, std::function<void()> hook);
address timer_address();
std::size_t live_objects();
// Stops every runtime thread and forgets every object; the runtime restarts on next use.
void shutdown();

message run_root(const std::function<address(channel&)>& create_main, const run_settings& settings);
bool threads_abandoned();  // run_root left busy threads running: leave with _exit
}  // namespace detail

// Runs a main object (function or machine) until it returns; then stops its live children, runs
// the teardown hooks, joins every runtime thread and returns the main object's value.
template <class F, class... A>
  requires std::is_invocable_v<std::decay_t<F>&, channel&, std::decay_t<A>&...>
message run_main(const run_settings& settings, F&& fn, A&&... args) {
  return detail::run_root([&](channel& root) { return root.create(std::forward<F>(fn), std::forward<A>(args)...); },
                          settings);
}
template <class F, class... A>
  requires std::is_invocable_v<std::decay_t<F>&, channel&, std::decay_t<A>&...>
message run_main(F&& fn, A&&... args) {
  return run_main(run_settings{}, std::forward<F>(fn), std::forward<A>(args)...);
}
template <class M, class... A>
  requires std::is_base_of_v<detail::machine_base, M>
message run_main_with(const run_settings& settings, A&&... args) {
  return detail::run_root([&](channel& root) { return root.create<M>(std::forward<A>(args)...); }, settings);
}
template <class M, class... A>
  requires std::is_base_of_v<detail::machine_base, M>
message run_main(A&&... args) {
  return run_main_with<M>(run_settings{}, std::forward<A>(args)...);
}

}  // namespace lc

LC_MESSAGE(lc::Gone, "lc.runtime.Gone")
