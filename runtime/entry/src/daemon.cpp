#include "daemon.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace lc::detail {

namespace {

std::optional<Faulted> fork_and_leave(const char* step) {
  pid_t pid = ::fork();
  if (pid < 0) return Faulted(std::string("cannot fork to daemonize ") + step, std::strerror(errno));
  if (pid > 0) ::_exit(0);  // the parent's part is done: nothing of it to tear down
  return std::nullopt;
}

}  // namespace

std::optional<Faulted> become_daemon() {
  std::fflush(nullptr);
  if (auto failed = fork_and_leave("#1")) return failed;
  ::setsid();
  if (auto failed = fork_and_leave("#2")) return failed;
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    for (int stream : {0, 1, 2}) ::dup2(null, stream);
    ::close(null);
  }
  return std::nullopt;
}

}  // namespace lc::detail
