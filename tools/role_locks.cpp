#include "role_locks.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "lc/file_io.hpp"

namespace lc::tools {

namespace {

bool locked_by_another(const std::filesystem::path& head) {
  int fd = ::open(head.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;  // never run
  bool locked = ::lockf(fd, F_TEST, 0) != 0;
  ::close(fd);
  return locked;
}

role_holder holder_of(const std::filesystem::path& lock) {
  role_holder holder;
  try {
    auto text = lc::detail::read_file(lock / "head.json");
    if (!text) return holder;
    auto document = boost::json::parse(*text);
    const auto& who = document.at("value").as_object();
    holder.pid = who.at("pid").to_number<std::int64_t>();
    holder.parent_pid = who.at("parent_pid").to_number<std::int64_t>();
  } catch (const std::exception&) {
  }
  return holder;
}

}  // namespace

std::map<std::string, role_holder> running_roles(const std::filesystem::path& home, const home_roles& roles) {
  std::map<std::string, role_holder> running;
  for (const auto& [name, executable] : roles) {
    auto lock = home / "role" / name / "lock";
    if (locked_by_another(lock / "head")) running[name] = holder_of(lock);
  }
  return running;
}

}  // namespace lc::tools
