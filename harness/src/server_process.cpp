#include "lc_harness/server_process.hpp"

#include "lc_harness/child_reaper.hpp"
#include "lc_harness/process_scan.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

extern char** environ;

namespace lc::harness {

using clock_type = std::chrono::steady_clock;

namespace {

std::mutex registry_mutex;
std::set<std::string> live_marks;

sockaddr_in loopback(unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

void kill_marked(const std::string& mark) {
  for (const auto& p : find_marked(mark)) ::kill(p.pid, SIGKILL);
}

// Everything the child needs is built before fork: after fork only async-signal-safe calls.
// Only stderr is kept: the verdicts read the server's stderr lines.
pid_t spawn(const std::vector<std::string>& args, const std::string& mark, int out_fd) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with(std::string(mark_variable) + "=")) env_text.emplace_back(*e);
  env_text.push_back(std::string(mark_variable) + "=" + mark);
  std::vector<char*> envp, argv;
  for (auto& s : env_text) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_text = args;
  for (auto& s : arg_text) argv.push_back(s.data());
  argv.push_back(nullptr);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int null_out = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t parent = getpid();
  const pid_t pid = fork_fresh();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(null_fd, 0);
    dup2(null_out, 1);
    dup2(out_fd, 2);
    execve(argv[0], argv.data(), envp.data());
    const char msg[] = "lc-harness: exec failed\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(127);
  }
  ::close(null_fd);
  ::close(null_out);
  return pid;
}

}  // namespace

std::string server_command::describe() const {
  return shell_template.empty() ? executable : shell_template;
}

std::string address_json(unsigned short port) {
  return R"({"host":"127.0.0.1","port":)" + std::to_string(port) + "}";
}

std::string shell_quote(std::string_view word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string expand_template(std::string_view text, unsigned short port) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    auto try_take = [&](std::string_view key, const std::string& value) {
      if (text.substr(i, key.size()) != key) return false;
      out += shell_quote(value);
      i += key.size();
      return true;
    };
    if (try_take("{host}", "127.0.0.1") || try_take("{port}", std::to_string(port)) ||
        try_take("{address}", address_json(port)))
      continue;
    out += text[i++];
  }
  return out;
}

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  auto a = loopback(0);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool accepting(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  auto a = loopback(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

void kill_every_server() {
  std::lock_guard lock(registry_mutex);
  for (const auto& mark : live_marks) kill_marked(mark);
}

launch_result server_process::launch(const server_command& command, const launch_options& options) {
  std::string last_output;
  for (int attempt = 0; attempt < options.attempts; ++attempt) {
    const auto port = free_port();
    std::vector<std::string> args;
    if (command.shell_template.empty()) {
      args = {command.executable, "--server-address=" + address_json(port)};
    } else {
      args = {"/bin/sh", "-c", "exec " + expand_template(command.shell_template, port)};
    }
    args.insert(args.end(), command.extra_args.begin(), command.extra_args.end());
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return {nullptr, "pipe failed"};
    const auto mark = new_mark();
    {
      std::lock_guard lock(registry_mutex);
      live_marks.insert(mark);
    }
    const pid_t pid = spawn(args, mark, fds[1]);
    ::close(fds[1]);
    std::unique_ptr<server_process> server(new server_process(pid, port, mark, fds[0]));
    const auto deadline = clock_type::now() + options.listen_deadline;
    for (;;) {
      if (accepting(port)) return {std::move(server), ""};
      if (auto status = exit_status(pid)) {
        server->wait_output_contains("\n", clock_type::now() + std::chrono::milliseconds(200));
        last_output = server->output();
        if (last_output.find("cannot listen") != std::string::npos) break;
        return {nullptr, command.describe() + " exited (wait status " + std::to_string(*status) +
                             ") before listening at port " + std::to_string(port) + "; output: " + last_output};
      }
      if (clock_type::now() >= deadline)
        return {nullptr, command.describe() + " did not listen at port " + std::to_string(port) + " within " +
                             std::to_string(options.listen_deadline.count()) + " ms; output: " + server->output()};
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return {nullptr, "no free port after " + std::to_string(options.attempts) + " attempts; last output: " + last_output};
}

server_process::server_process(pid_t pid, unsigned short port, std::string mark, int output_fd)
    : pid_(pid), port_(port), mark_(std::move(mark)), output_fd_(output_fd) {
  reader_ = std::thread([this] { read_output(); });
}

server_process::~server_process() {
  kill_all();
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  reader_.join();
  ::close(output_fd_);
  std::lock_guard lock(registry_mutex);
  live_marks.erase(mark_);
}

void server_process::read_output() {
  char buf[4096];
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    pollfd p{output_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const auto n = ::read(output_fd_, buf, sizeof buf);
    if (n <= 0) {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(50), [this] { return stop_; });
      continue;
    }
    std::lock_guard lock(mutex_);
    output_.append(buf, static_cast<std::size_t>(n));
    // A chatty server keeps its last half megabyte: the verdicts read the final lines.
    if (output_.size() > (1u << 20)) {
      const auto keep_from = output_.size() - (1u << 19);
      const auto line_start = output_.find('\n', keep_from);
      output_.erase(0, line_start == std::string::npos ? keep_from : line_start + 1);
    }
    changed_.notify_all();
  }
}

std::string server_process::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

bool server_process::wait_output_contains(std::string_view text, clock_type::time_point deadline) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, deadline, [&] { return output_.find(text) != std::string::npos; });
}

bool server_process::kill_all(std::chrono::milliseconds deadline) {
  const auto until = clock_type::now() + deadline;
  if (!exit_status(pid_)) ::kill(pid_, SIGKILL);
  for (;;) {
    kill_marked(mark_);
    reap_children();
    if (find_marked(mark_).empty() && exit_status(pid_)) return true;
    if (clock_type::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace lc::harness
