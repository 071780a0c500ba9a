#include "lc_harness/child_reaper.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <thread>

namespace lc::harness {

namespace {
std::mutex mutex_;
std::map<pid_t, int> statuses_;
}  // namespace

void become_subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

void reap_children() {
  std::lock_guard lock(mutex_);
  int status = 0;
  pid_t pid = 0;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) statuses_[pid] = status;
}

std::optional<int> exit_status(pid_t pid) {
  reap_children();
  std::lock_guard lock(mutex_);
  if (auto it = statuses_.find(pid); it != statuses_.end()) return it->second;
  return std::nullopt;
}

pid_t fork_fresh() {
  std::lock_guard lock(mutex_);
  const pid_t pid = ::fork();
  if (pid > 0) statuses_.erase(pid);
  return pid;
}

std::optional<int> wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    if (auto s = exit_status(pid)) return s;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace lc::harness
