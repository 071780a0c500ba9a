#include "directory_link.hpp"

#include <future>
#include <mutex>
#include <thread>

#include "link_agent.hpp"
#include "lc/entry_point.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {

namespace {

constexpr HostPort directory_at_host() { return HostPort{"127.0.0.1", 54195}; }

struct link_thread {
  std::mutex mutex;
  std::thread thread;
  address self;
};

link_thread& instance() {
  static auto* l = new link_thread;  // never destroyed: threads may outlive statics
  return *l;
}

ScopeOfDirectory directory_scope() {
  auto scope = process_flags().directory_scope;
  if (!scope) return ScopeOfDirectory::PROCESS;
  return static_cast<ScopeOfDirectory>(static_cast<int>(*scope) + 1);
}

void stop_link() {
  std::thread thread;
  {
    auto& l = instance();
    std::lock_guard lock(l.mutex);
    if (l.self) post(Stop{}, l.self, {});
    l.self = {};
    thread = std::move(l.thread);
  }
  if (thread.joinable()) thread.join();
}

}  // namespace

std::optional<HostPort> parent_directory() {
  const auto& flags = process_flags();
  if (flags.directory_scope == scope_of_directory::LIBRARY) return std::nullopt;
  if (flags.connect_to_directory) return flags.connect_to_directory;
  if (entry_point_started()) return directory_at_host();
  return std::nullopt;
}

std::optional<address> running_directory_link() {
  auto& l = instance();
  std::lock_guard lock(l.mutex);
  if (l.self && alive(l.self)) return l.self;
  return std::nullopt;
}

std::optional<address> directory_link(ScopeOfDirectory scope) {
  if (static_cast<int>(scope) >= static_cast<int>(directory_scope())) return std::nullopt;
  auto parent = parent_directory();
  if (!parent) return std::nullopt;
  auto& l = instance();
  std::lock_guard lock(l.mutex);
  if (l.self && alive(l.self)) return l.self;
  if (l.thread.joinable()) l.thread.join();
  std::promise<address> started;
  l.thread = std::thread([&started, where = *parent] {
    channel self("DirectoryLink");
    link_agent agent(self, where);
    started.set_value(self.self_address());
    agent.run();
  });
  l.self = started.get_future().get();
  on_teardown(91, stop_link);  // after the process directory (90), before the network (100)
  return l.self;
}

}  // namespace lc::detail
