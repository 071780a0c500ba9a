#pragma once
// The process entry point (reference §7): decode the command line into the main object's settings,
// run it as the process root, print its result and turn it into the exit code.
//
//   struct server_settings { lc::HostPort server_address{"127.0.0.1", 5050}; };
//   BOOST_DESCRIBE_STRUCT(server_settings, (), (server_address))
//   lc::message server(lc::channel& self, const server_settings& settings);
//   int main(int argc, char** argv) { return lc::run(server, argc, argv); }
//
// A main without settings is `R fn(lc::channel& self)`; R is lc::message, any portable type or void.
// A machine is run with lc::run<M>(argc, argv); it is built from `const M::settings_type&` when M
// declares one. Exit codes: 0 on success, a Faulted's exit_status (else 71) modulo 256, 2 for bad
// arguments. Standard flags acted on: --help, --dump-types, --debug-level, --full-output,
// --child-process, --output-file, --parent-pid, --model-path and --resource-path (home_folders.hpp);
// the rest are accepted and kept (process_flags()).
#include <functional>

#include "lc/runtime.hpp"
#include "lc/settings.hpp"

namespace lc {

namespace detail {

struct no_settings {};
BOOST_DESCRIBE_STRUCT(no_settings, (), ())

// Parses into `settings` (described by `schema`, default values in `defaults`), acts on the
// standard flags, calls `run_main_object`, prints its result; returns the exit code.
int run_entry(int argc, char** argv, const settings_schema& schema, void* settings, const void* defaults,
              const std::function<message()>& run_main_object);

// What the process layer adds to a process (lc/main.hpp installs it): a library child
// (--directory-scope=LIBRARY with --connect-to-directory) serves its parent's messages, and a process waits for its children.
struct process_hooks {
  std::function<void(channel& root, const address& main, const HostPort& parent)> serve_parent;
  std::function<bool()> children_running;
};
void set_process_hooks(process_hooks hooks);

// True once lc::run has parsed this process's command line.
bool entry_point_started();

// Creates the main object, and for a library child what serves its parent.
address create_main_object(channel& root, const std::function<address(channel&)>& create);

// A process ends promptly on a signal even while a thread computes: busy threads are abandoned
// (and the process leaves with _exit), child processes are waited for.
run_settings process_run_settings();

template <class Create>
message run_as_main(Create create) {
  return run_root([&](channel& root) { return create_main_object(root, create); }, process_run_settings());
}
}  // namespace detail

// The standard flags this process was started with (valid once lc::run has parsed them), e.g.
// connect_to_directory for a library child.
const command_line& process_flags();

template <class R>
int run(R (*fn)(channel&), int argc, char** argv) {
  detail::no_settings none;
  return detail::run_entry(argc, argv, detail::schema_of<detail::no_settings>(), &none, &none,
                           [&] { return detail::run_as_main([&](channel& root) { return root.create(fn); }); });
}

template <class R, class S>
int run(R (*fn)(channel&, const S&), int argc, char** argv) {
  static const S defaults{};
  S settings = defaults;
  return detail::run_entry(argc, argv, detail::schema_of<S>(), &settings, &defaults,
                           [&] { return detail::run_as_main([&](channel& root) { return root.create(fn, settings); }); });
}

template <class M>
  requires std::is_base_of_v<detail::machine_base, M>
int run(int argc, char** argv) {
  if constexpr (requires { typename M::settings_type; }) {
    using S = typename M::settings_type;
    static const S defaults{};
    S settings = defaults;
    return detail::run_entry(argc, argv, detail::schema_of<S>(), &settings, &defaults,
                             [&] { return detail::run_as_main([&](channel& root) { return root.template create<M>(static_cast<const S&>(settings)); }); });
  } else {
    detail::no_settings none;
    return detail::run_entry(argc, argv, detail::schema_of<detail::no_settings>(), &none, &none,
                             [&] { return detail::run_as_main([&](channel& root) { return root.template create<M>(); }); });
  }
}

}  // namespace lc

