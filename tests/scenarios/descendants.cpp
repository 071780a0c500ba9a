#include "descendants.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace scenario_test {
namespace {

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool is_number(const std::string& name) {
  return !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool is_alive(pid_t pid) {
  auto stat = read_whole("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size()) return false;
  char state = stat[close + 2];
  return state != 'Z' && state != 'X';
}

std::vector<pid_t> marked_processes(const std::string& mark) {
  const std::string needle = "LC_TEST_MARK=" + mark + '\0';
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    auto name = entry.path().filename().string();
    if (!is_number(name)) continue;
    auto environment = read_whole(entry.path() / "environ") + '\0';
    if (environment.find(needle) == std::string::npos) continue;
    pid_t pid = static_cast<pid_t>(std::stol(name));
    if (is_alive(pid)) found.push_back(pid);
  }
  return found;
}

}  // namespace scenario_test
