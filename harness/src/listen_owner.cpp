#include "lc_harness/listen_owner.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace lc::harness {
namespace {

constexpr const char* listen_state = "0A";

struct tcp_row {
  unsigned short local_port = 0;
  std::string state;
  std::uint64_t send_queue = 0;
  std::string inode;
};

// Every row of /proc/net/tcp and /proc/net/tcp6.
std::vector<tcp_row> tcp_rows() {
  std::vector<tcp_row> rows;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // the heading
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, queues, timer, retransmits, uid, timeout;
      tcp_row row;
      fields >> slot >> local >> remote >> row.state >> queues >> timer >> retransmits >> uid >> timeout >> row.inode;
      auto colon = local.rfind(':');
      if (colon == std::string::npos || queues.find(':') == std::string::npos) continue;
      row.local_port = static_cast<unsigned short>(std::stoul(local.substr(colon + 1), nullptr, 16));
      row.send_queue = std::stoull(queues.substr(0, queues.find(':')), nullptr, 16);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// The inodes of the sockets `pid` holds.
std::set<std::string> socket_inodes(pid_t pid) {
  std::set<std::string> inodes;
  std::error_code ec;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    auto target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (target.starts_with("socket:[")) inodes.insert(target.substr(8, target.size() - 9));
  }
  return inodes;
}

}  // namespace

bool process_listens_on(pid_t pid, unsigned short port) {
  auto held = socket_inodes(pid);
  for (const auto& row : tcp_rows())
    if (row.state == listen_state && row.local_port == port && held.count(row.inode)) return true;
  return false;
}

std::uint64_t unsent_bytes(pid_t pid) {
  auto held = socket_inodes(pid);
  std::uint64_t total = 0;
  for (const auto& row : tcp_rows())
    if (held.count(row.inode)) total += row.send_queue;
  return total;
}

}  // namespace lc::harness
