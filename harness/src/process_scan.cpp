#include "lc_harness/process_scan.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>

namespace lc::harness {

namespace fs = std::filesystem;

std::string new_mark() {
  std::random_device rd;
  std::ostringstream out;
  out << std::hex;
  for (int i = 0; i < 4; ++i) out << rd();
  return out.str();
}

namespace {

// The whole of a /proc file, or nothing when the process has gone: a read from a process that
// ends meanwhile fails with ESRCH, which libstdc++'s filebuf throws from underflow.
std::optional<std::string> read_proc_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    return std::string((std::istreambuf_iterator<char>(in)), {});
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
}

}  // namespace

bool read_process(pid_t pid, process_info& out) {
  auto read = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  if (!read) return false;
  const std::string& text = *read;
  const auto open = text.find('('), close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return false;
  out.pid = pid;
  out.name = text.substr(open + 1, close - open - 1);
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  std::vector<std::string> f;
  while (rest >> field) f.push_back(field);
  // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14) ... rss(21);
  // cutime and cstime hold the workers the process has already waited for.
  if (f.size() < 22) return false;
  out.state = f[0][0];
  out.ppid = std::stoi(f[1]);
  out.cpu_ticks = std::stoull(f[11]) + std::stoull(f[12]) + std::stoull(f[13]) + std::stoull(f[14]);
  out.rss_bytes = std::stoull(f[21]) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  return true;
}

std::vector<process_info> find_marked(std::string_view mark) {
  std::string needle(mark_variable);
  needle += '=';
  needle += mark;
  needle += '\0';
  std::vector<process_info> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    auto read = read_proc_file(entry.path() / "environ");
    if (!read) continue;
    std::string env = '\0' + *read;
    if (env.find('\0' + needle) == std::string::npos) continue;
    process_info info;
    if (read_process(std::stoi(name), info) && info.state != 'Z' && info.state != 'X') found.push_back(info);
  }
  return found;
}

tree_usage measure_marked(std::string_view mark) {
  tree_usage usage;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (const auto& p : find_marked(mark)) {
    usage.cpu_seconds += p.cpu_ticks / tick;
    usage.rss_bytes += p.rss_bytes;
    ++usage.processes;
  }
  return usage;
}

namespace {

std::uint64_t switches_of_thread(const fs::path& status_file) {
  std::ifstream in(status_file);
  std::string line;
  std::uint64_t total = 0;
  while (std::getline(in, line))
    if (line.starts_with("voluntary_ctxt_switches:") || line.starts_with("nonvoluntary_ctxt_switches:"))
      total += std::stoull(line.substr(line.find(':') + 1));
  return total;
}

}  // namespace

switch_counts thread_switches(std::string_view mark) {
  switch_counts counts;
  for (const auto& p : find_marked(mark)) {
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(p.pid) + "/task", ec)) {
      const auto tid = task.path().filename().string();
      if (tid.find_first_not_of("0123456789") == std::string::npos)
        counts[std::stoi(tid)] = switches_of_thread(task.path() / "status");
    }
  }
  return counts;
}

std::uint64_t switches_between(const switch_counts& before, const switch_counts& after) {
  std::uint64_t total = 0;
  for (const auto& [tid, count] : after) {
    auto earlier = before.find(tid);
    auto base = earlier == before.end() ? 0 : earlier->second;
    if (count > base) total += count - base;
  }
  return total;
}

bool port_listening(unsigned short port) {
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream row(line);
      std::string slot, local, remote, state;
      row >> slot >> local >> remote >> state;
      const auto colon = local.rfind(':');
      if (colon == std::string::npos || state != "0A") continue;
      if (std::stoul(local.substr(colon + 1), nullptr, 16) == port) return true;
    }
  }
  return false;
}

}  // namespace lc::harness
