#pragma once
// The threads that run objects: the default dispatcher, named dispatchers, and a thread of its own
// for each function object and each machine placed on its own thread. A finished own thread is
// joined by the next start; shutdown joins them all.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "dispatcher.hpp"

namespace lc::detail {

class object_threads {
 public:
  // The default or the named dispatcher, its thread started on first use.
  dispatcher& shared(const placement& where);
  // Runs `body` on a thread of its own for object `id`; `own` (if any) lives until that thread is joined.
  void start(std::uint32_t id, std::function<void()> body, std::unique_ptr<dispatcher> own = nullptr);
  void done(std::uint32_t id);  // called last on the thread itself
  std::vector<std::shared_ptr<mailbox>> dispatcher_mailboxes();
  void join_all();  // once every mailbox is closed

 private:
  void join_finished(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::unique_ptr<dispatcher> default_dispatcher_;
  std::thread default_thread_;
  std::map<std::string, std::pair<std::unique_ptr<dispatcher>, std::thread>> named_;
  std::unordered_map<std::uint32_t, std::thread> own_threads_;
  std::unordered_map<std::uint32_t, std::unique_ptr<dispatcher>> own_dispatchers_;
  std::vector<std::uint32_t> finished_;
};

object_threads& threads();

}  // namespace lc::detail
