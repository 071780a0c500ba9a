#pragma once
// A child process for the network tests (frame_interop_peer unless told): stdout and stderr are
// pipes, read with a deadline so a silent child fails the test.
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

class peer_process {
 public:
  // open_files > 0: the child runs with RLIMIT_NOFILE lowered to it (through the shell's ulimit).
  explicit peer_process(std::vector<std::string> args, int open_files = 0) {
    args.insert(args.begin(), LC_FRAME_INTEROP_PEER);
    if (open_files > 0)
      args.insert(args.begin(), {"/bin/sh", "-c", "ulimit -n " + std::to_string(open_files) + " && exec \"$0\" \"$@\""});
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int failed = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
    if (failed) throw std::runtime_error("cannot start frame_interop_peer");
  }
  ~peer_process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
    ::close(err_);
  }
  // Reads stderr until `pattern` matches; returns its first group, or "" at the deadline or EOF.
  std::string log_match(const std::regex& pattern) {
    std::smatch found;
    while (!std::regex_search(log_, found, pattern))
      if (!read_some(err_, log_)) return "";
    return found[1];
  }
  // Reads stderr until `needle` has appeared `times` times; false at the deadline or EOF.
  bool log_count(const std::string& needle, int times) {
    auto count = [&] {
      int n = 0;
      for (auto at = log_.find(needle); at != std::string::npos; at = log_.find(needle, at + 1)) ++n;
      return n;
    };
    while (count() < times)
      if (!read_some(err_, log_)) return false;
    return true;
  }
  pid_t pid() const { return pid_; }
  const std::string& log() const { return log_; }
  // Everything on stdout until the peer closes it, then the exit code (-1 on a timeout).
  std::pair<std::string, int> result() {
    std::string out;
    while (read_some(out_, out)) {}
    int status = 0;
    if (::waitpid(pid_, &status, 0) != pid_) return {out, -1};
    pid_ = -1;
    return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
  }

 private:
  bool read_some(int fd, std::string& into) {
    pollfd p{fd, POLLIN, 0};
    auto left = deadline_ - std::chrono::steady_clock::now();
    int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count());
    if (ms <= 0 || ::poll(&p, 1, ms) != 1) return false;
    char buffer[4096];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    into.append(buffer, static_cast<std::size_t>(n));
    return true;
  }
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string log_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(20);
};

