#include <iostream>
#include <mutex>

#include "lc/entry_point.hpp"

namespace lc::detail {

namespace {
std::mutex hooks_mutex;
process_hooks& installed_hooks() {
  static process_hooks hooks;
  return hooks;
}
process_hooks current_hooks() {
  std::lock_guard lock(hooks_mutex);
  return installed_hooks();
}
}  // namespace

void set_process_hooks(process_hooks hooks) {
  std::lock_guard lock(hooks_mutex);
  installed_hooks() = std::move(hooks);
}

run_settings process_run_settings() {
  run_settings s;
  s.abandon_busy = true;
  s.keep_waiting = [] {
    auto running = current_hooks().children_running;
    return running && running();
  };
  return s;
}

address create_main_object(channel& root, const std::function<address(channel&)>& create) {
  // A library child; any other process's --connect-to-directory is its parent directory.
  auto parent = process_flags().directory_scope == scope_of_directory::LIBRARY ? process_flags().connect_to_directory
                                                                               : std::nullopt;
  auto serve_parent = current_hooks().serve_parent;
  if (parent && !serve_parent)
    std::cerr << "--connect-to-directory ignored: this program was not built with LC_MAIN (lc/main.hpp)\n";
  address main = create(root);
  if (parent && serve_parent) serve_parent(root, main, *parent);
  return main;
}

}  // namespace lc::detail
