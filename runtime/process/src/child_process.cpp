#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "lc/main.hpp"

extern char** environ;

namespace lc::detail {
namespace {

std::atomic<std::size_t> running{0};

int decoded_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return status;
}

}  // namespace

child_process::child_process(const std::string& path, const std::vector<std::string>& arguments,
                             std::function<void(child_exit)> on_exit, const std::vector<std::string>& environment) {
  install_process_hooks();  // a process with children waits for them at teardown
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  std::vector<char*> envp;
  auto replaced = [&](std::string_view entry) {
    auto name = entry.substr(0, entry.find('=') + 1);
    return std::any_of(environment.begin(), environment.end(), [&](const std::string& e) { return e.starts_with(name); });
  };
  for (char** e = environ; *e; ++e)
    if (!replaced(*e)) envp.push_back(*e);
  for (auto& added : environment) envp.push_back(const_cast<char*>(added.c_str()));
  envp.push_back(nullptr);

  int error = ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (error != 0) {
    ::close(pipe_fds[0]);
    throw std::system_error(error, std::generic_category());
  }
  ++running;
  reader_ = std::thread([this, fd = pipe_fds[0], on_exit = std::move(on_exit)]() mutable {
    read_and_reap(fd, std::move(on_exit));
  });
}

child_process::~child_process() {
  if (reader_.joinable()) reader_.join();
}

void child_process::signal(int number) {
  std::lock_guard lock(mutex_);
  if (!reaped_) ::kill(pid_, number);
}

void child_process::read_and_reap(int output_fd, std::function<void(child_exit)> on_exit) {
  child_exit result;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(output_fd, buffer, sizeof buffer);
    if (n > 0 && result.output.size() + static_cast<std::size_t>(n) > child_output_cap) {
      result.output_over_cap = true;
      result.output.clear();
      ::kill(pid_, SIGKILL);  // not yet reaped: the pid is still this child's
      break;
    }
    if (n > 0) result.output.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  ::close(output_fd);
  // Wait without reaping, so that signal() cannot reach another process that reuses the pid.
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
  }
  int status = 0;
  {
    std::lock_guard lock(mutex_);
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  --running;
  result.code = decoded_status(status);
  on_exit(std::move(result));
}

std::size_t running_children() { return running; }

std::optional<std::string> find_executable(const std::string& name) {
  namespace fs = std::filesystem;
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = self.parent_path() / name;
    if (::access(beside.c_str(), X_OK) == 0) return beside.string();
  }
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      auto dir = rest.substr(0, colon);
      if (!dir.empty()) {
        auto candidate = fs::path(std::string(dir)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      }
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return std::nullopt;
}

}  // namespace lc::detail
