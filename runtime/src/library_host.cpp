#include "lc/library_host.hpp"

#include "lc/listen_connect.hpp"

namespace lc {

void library_host::on(const Start&) { connect(*this, parent_); }

void library_host::on(const Stop&) { finish(Aborted{}); }

void library_host::on(const Connected&) { trace("Connected to parent", "at", parent_.host + ":" + std::to_string(parent_.port)); }

void library_host::on(const NotConnected& refused) {
  send(Stop{}, main_);
  finish(refused);
}

void library_host::on(const Closed&) {
  send(Stop{}, main_);
  finish(Aborted{});
}

void library_host::on_unknown(const message& m) { forward(m, main_, return_address()); }

}  // namespace lc

#include "lc/detail/child_process.hpp"
#include "lc/entry_point.hpp"

namespace lc::detail {

run_settings process_run_settings() {
  run_settings s;
  s.abandon_busy = true;
  s.keep_waiting = [] { return running_children() > 0; };
  return s;
}

address create_main_object(channel& root, const std::function<address(channel&)>& create) {
  address main = create(root);
  if (auto parent = process_flags().connect_to_directory) root.create<library_host>(main, *parent);
  return main;
}

}  // namespace lc::detail
