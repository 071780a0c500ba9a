#pragma once
#include <sys/types.h>

#include <chrono>
#include <optional>

namespace lc::harness {

// The harness is a child subreaper, so orphans of its servers become its children. Every
// waitpid(-1) goes through here, and exit statuses are kept for whoever asks for one pid.
void become_subreaper();
void reap_children();
std::optional<int> exit_status(pid_t pid);  // raw wait status once the child is reaped
std::optional<int> wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline);
// fork(), dropping any status kept for an earlier process that had the new child's pid (pids are
// reused, and the harness reaps thousands of orphans in a full run), with reaping held off so
// the new child's own status cannot be taken first. In the child, only async-signal-safe calls.
pid_t fork_fresh();

}  // namespace lc::harness
