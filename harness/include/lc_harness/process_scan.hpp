#pragma once
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lc::harness {

constexpr std::string_view mark_variable = "LC_HARNESS_MARK";

struct process_info {
  pid_t pid = 0;
  pid_t ppid = 0;
  char state = '?';
  std::uint64_t cpu_ticks = 0;  // utime + stime + cutime + cstime
  std::uint64_t rss_bytes = 0;
  std::string name;
};

std::string new_mark();
// Every live (not zombie) process whose environment holds LC_HARNESS_MARK=<mark>.
std::vector<process_info> find_marked(std::string_view mark);
bool read_process(pid_t pid, process_info& out);

struct tree_usage {
  double cpu_seconds = 0.0;
  std::uint64_t rss_bytes = 0;
  int processes = 0;
};
tree_usage measure_marked(std::string_view mark);

// Voluntary + involuntary context switches of every live thread of the marked processes, by
// thread id (/proc/<pid>/task/*/status). Threads that end between two snapshots are missed, so
// for a thread or a process per request this is a lower bound.
using switch_counts = std::map<pid_t, std::uint64_t>;
switch_counts thread_switches(std::string_view mark);
// What the threads alive in `after` did since `before`.
std::uint64_t switches_between(const switch_counts& before, const switch_counts& after);

// A LISTEN socket on this local port in /proc/net/tcp or /proc/net/tcp6.
bool port_listening(unsigned short port);

}  // namespace lc::harness
