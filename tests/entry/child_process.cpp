#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

extern char** environ;

namespace entry_test {

namespace {

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace

std::string sibling_path(const std::string& program) {
  char self[4096];
  auto n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) throw std::runtime_error("cannot read /proc/self/exe");
  std::string path(self, static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/') + 1) + program;
}

child::child(const std::string& program, const std::vector<std::string>& args) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  auto path = sibling_path(program);
  std::vector<std::string> words{path};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  int rc = ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  out_ = out[0];
  err_ = err[0];
  if (rc != 0) throw std::runtime_error("cannot spawn " + path);
}

child::~child() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
}

bool child::pump(std::chrono::steady_clock::time_point until) {
  pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
  if (out_ < 0 && err_ < 0) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
  if (left.count() <= 0) return true;
  if (::poll(fds, 2, static_cast<int>(left.count())) <= 0) return true;
  for (int i = 0; i < 2; ++i) {
    int& fd = i == 0 ? out_ : err_;
    if (fd < 0 || fds[i].revents == 0) continue;
    char buffer[4096];
    auto n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) (i == 0 ? result_.out : result_.err).append(buffer, static_cast<std::size_t>(n));
    else {
      ::close(fd);
      fd = -1;
    }
  }
  return true;
}

bool child::wait_for_stderr(std::string_view text, std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (result_.err.find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= until || !pump(until)) return false;
  }
  return true;
}

child_result child::finish(std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until && pump(until)) {
  }
  if (out_ >= 0 || err_ >= 0) {
    result_.timed_out = true;
    ::kill(pid_, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  result_.code = decode_status(status);
  return result_;
}

child_result run_child(const std::string& program, const std::vector<std::string>& args,
                       std::chrono::milliseconds deadline) {
  child c(program, args);
  return c.finish(deadline);
}

int reap(pid_t pid, std::chrono::milliseconds deadline) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) throw std::runtime_error("pidfd_open");
  pollfd ready{fd, POLLIN, 0};
  int events = ::poll(&ready, 1, static_cast<int>(deadline.count()));  // readable when it exits
  ::close(fd);
  if (events <= 0) return still_running;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return decode_status(status);
}

}  // namespace entry_test
