#include "lc/library_host.hpp"

#include <cstdlib>
#include <mutex>

#include "child_process.hpp"
#include "lc/listen_connect.hpp"
#include "lc/main.hpp"

namespace lc {

void library_host::on(const Start&) { connect(*this, parent_, back_channel_options); }

void library_host::on(const Stop&) { finish(Aborted{}); }

void library_host::on(const Connected& connected) {
  trace("Connected to parent", "at", parent_.host + ":" + std::to_string(parent_.port));
  const char* token = std::getenv(back_channel_token_variable);
  send(BackChannelToken{token ? token : ""}, connected.proxy_address);
}

void library_host::on(const NotConnected& refused) {
  send(Stop{}, main_);
  finish(refused);
}

void library_host::on(const Closed&) {
  send(Stop{}, main_);
  finish(Aborted{});
}

void library_host::on_unknown(const message& m) { forward(m, main_, return_address()); }

namespace detail {

void install_process_hooks() {
  static std::once_flag once;
  std::call_once(once, [] {
    set_process_hooks({.serve_parent = [](channel& root, const address& main,
                                          const HostPort& parent) { root.create<library_host>(main, parent); },
                       .children_running = [] { return running_children() > 0; }});
  });
}

}  // namespace detail
}  // namespace lc
