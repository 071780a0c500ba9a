#include "lc_harness/listen_owner.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace lc::harness {
namespace {

constexpr const char* listen_state = "0A";

// Inodes of LISTEN sockets on `port` in one /proc/net table.
void listening_inodes(const std::string& table, unsigned short port, std::set<std::string>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // the heading
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
    auto colon = local.rfind(':');
    if (colon == std::string::npos || state != listen_state) continue;
    if (std::stoul(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
  }
}

}  // namespace

bool process_listens_on(pid_t pid, unsigned short port) {
  std::set<std::string> inodes;
  listening_inodes("/proc/net/tcp", port, inodes);
  listening_inodes("/proc/net/tcp6", port, inodes);
  if (inodes.empty()) return false;
  std::error_code ec;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    auto target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (target.starts_with("socket:[") && inodes.count(target.substr(8, target.size() - 9))) return true;
  }
  return false;
}

}  // namespace lc::harness
