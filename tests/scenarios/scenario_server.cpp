#include "scenario_server.hpp"

#include "lc_harness/listen_owner.hpp"
#include "lc_harness/process_scan.hpp"
#include "lc_harness/server_process.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <cstring>
#include <random>
#include <stdexcept>

extern char** environ;

namespace scenario_test {
namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& additions) {
  std::vector<std::string> result;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    auto name = entry.substr(0, entry.find('='));
    if (!additions.count(name)) result.push_back(entry);
  }
  for (const auto& [name, value] : additions) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> pointers(std::vector<std::string>& texts) {
  std::vector<char*> result;
  for (auto& t : texts) result.push_back(t.data());
  result.push_back(nullptr);
  return result;
}

exit_status status_from(int raw) {
  if (WIFEXITED(raw)) return {true, WEXITSTATUS(raw)};
  return {false, WIFSIGNALED(raw) ? WTERMSIG(raw) : -1};
}

}  // namespace

std::string binary_path(const std::string& name) { return std::string(LC_TEST_BIN_DIR) + "/" + name; }
std::string server_name(int scenario) { return "test_server_" + std::to_string(scenario); }
std::string address_argument(unsigned short port) {
  return R"(--server-address={"host":"127.0.0.1","port":)" + std::to_string(port) + "}";
}

unsigned short free_port() { return lc::harness::free_port(); }
bool accepts_connections(unsigned short port) { return lc::harness::accepting(port); }

namespace {
std::vector<pid_t> marked_processes(const std::string& mark) {
  std::vector<pid_t> pids;
  for (const auto& process : lc::harness::find_marked(mark)) pids.push_back(process.pid);
  return pids;
}
}  // namespace

scenario_server::scenario_server(const std::string& executable, const std::vector<std::string>& arguments,
                                 const std::map<std::string, std::string>& environment)
    : mark_(lc::harness::new_mark()) {
  int error_pipe[2], output_pipe[2];
  if (::pipe2(error_pipe, O_CLOEXEC) != 0 || ::pipe2(output_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("cannot make a pipe");
  auto additions = environment;
  additions[std::string(lc::harness::mark_variable)] = mark_;
  auto environment_texts = environment_with(additions);
  std::vector<std::string> argv_texts{executable};
  argv_texts.insert(argv_texts.end(), arguments.begin(), arguments.end());
  auto argv = pointers(argv_texts);
  auto envp = pointers(environment_texts);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, error_pipe[1], 2);
  int failed = ::posix_spawn(&pid_, executable.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(error_pipe[1]);
  ::close(output_pipe[1]);
  error_fd_ = error_pipe[0];
  output_fd_ = output_pipe[0];
  if (failed) {
    ::close(error_fd_);
    ::close(output_fd_);
    throw std::runtime_error("cannot start " + executable + ": " + std::strerror(failed));
  }
  reader_ = std::thread([this] { read_streams(); });
}

scenario_server::~scenario_server() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
  }
  for (pid_t left : marked_processes(mark_)) ::kill(left, SIGKILL);
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  reader_.join();
  ::close(error_fd_);
  ::close(output_fd_);
}

void scenario_server::read_streams() {
  pollfd fds[2] = {{error_fd_, POLLIN, 0}, {output_fd_, POLLIN, 0}};
  std::string* targets[2] = {&error_text_, &output_text_};
  char chunk[65536];
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    if (fds[0].fd < 0 && fds[1].fd < 0) return;
    if (::poll(fds, 2, 50) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
      if (n <= 0) {
        fds[i].fd = -1;
        std::lock_guard lock(mutex_);
        --open_streams_;
        changed_.notify_all();
        continue;
      }
      std::lock_guard lock(mutex_);
      targets[i]->append(chunk, static_cast<std::size_t>(n));
      changed_.notify_all();
    }
  }
}

std::string scenario_server::output() const {
  std::lock_guard lock(mutex_);
  return error_text_;
}

bool scenario_server::wait_streams_closed(clock_type::duration within) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, within, [&] { return open_streams_ == 0; });
}

std::string scenario_server::standard_output() const {
  std::lock_guard lock(mutex_);
  return output_text_;
}

std::size_t scenario_server::count_lines_locked(const line_test& test) const {
  std::size_t count = 0, start = 0;
  for (;;) {
    auto end = error_text_.find('\n', start);
    if (end == std::string::npos) return count;
    if (test(std::string_view(error_text_).substr(start, end - start))) ++count;
    start = end + 1;
  }
}

std::size_t scenario_server::count_lines(const line_test& test) const {
  std::lock_guard lock(mutex_);
  return count_lines_locked(test);
}

bool scenario_server::wait_for_lines(const line_test& test, std::size_t count, clock_type::duration within) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, within, [&] { return count_lines_locked(test) >= count; });
}

void scenario_server::signal(int number) const {
  if (!reaped_) ::kill(pid_, number);
}

std::optional<exit_status> scenario_server::wait_exit(clock_type::duration within) {
  if (reaped_) return final_status_;
  auto deadline = clock_type::now() + within;
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  for (;;) {
    int raw = 0;
    pid_t done = ::waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) {
      if (pidfd >= 0) ::close(pidfd);
      reaped_ = true;
      final_status_ = status_from(raw);
      return final_status_;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
    if (left.count() <= 0) break;
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    } else {
      std::this_thread::sleep_for(2ms);  // no pidfd: poll the exit
    }
  }
  if (pidfd >= 0) ::close(pidfd);
  return std::nullopt;
}

std::vector<pid_t> scenario_server::descendants() const {
  std::vector<pid_t> result;
  for (pid_t p : marked_processes(mark_))
    if (p != pid_) result.push_back(p);
  return result;
}

bool scenario_server::wait_descendants(std::size_t count, clock_type::duration within) const {
  auto deadline = clock_type::now() + within;
  for (;;) {
    if (descendants().size() >= count) return true;
    if (clock_type::now() >= deadline) return false;
    std::this_thread::sleep_for(5ms);  // /proc has no change notification: poll it
  }
}

bool scenario_server::wait_no_descendants(clock_type::duration within) const {
  auto deadline = clock_type::now() + within;
  for (;;) {
    if (descendants().empty()) return true;
    if (clock_type::now() >= deadline) return false;
    std::this_thread::sleep_for(5ms);  // /proc has no change notification: poll it
  }
}

line_test contains(std::string text) {
  return [text = std::move(text)](std::string_view line) { return line.find(text) != std::string_view::npos; };
}

line_test main_object_received(pid_t pid, const std::string& type) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "[%08d] ", static_cast<int>(pid));
  std::string head = prefix;
  std::string tail = " - Received " + type + " from <";
  return [head, tail](std::string_view line) {
    if (line.substr(0, head.size()) != head) return false;
    auto at = line.find(tail);
    if (at == std::string_view::npos) return false;
    auto name_start = line.rfind('>', at);
    if (name_start == std::string_view::npos) return false;
    auto name = line.substr(name_start + 1, at - name_start - 1);
    return name == "server" || name == "function";
  };
}

listening_server start_server(int scenario, const launch_options& options) {
  return start_executable(server_name(scenario), options);
}

listening_server start_executable(const std::string& executable, const launch_options& options) {
  std::string last_output;
  for (int attempt = 0; attempt < 5; ++attempt) {
    unsigned short port = free_port();
    std::vector<std::string> arguments{address_argument(port)};
    if (options.debug) arguments.push_back("--debug-level=OBJECT");
    arguments.insert(arguments.end(), options.arguments.begin(), options.arguments.end());
    auto server = std::make_unique<scenario_server>(binary_path(executable), arguments, options.environment);
    bool ready = false;
    if (options.debug) {
      ready = server->wait_for_line(main_object_received(server->pid(), "Listening"), 10s);
    } else {
      auto deadline = clock_type::now() + 10s;
      while (!ready && clock_type::now() < deadline && !server->wait_exit(0s)) {
        ready = accepts_connections(port) && lc::harness::process_listens_on(server->pid(), port);
        if (!ready) std::this_thread::sleep_for(5ms);  // nothing to wait on but the port
      }
      ready = ready && !server->wait_exit(0s);
    }
    if (ready) return {std::move(server), port};
    auto status = server->wait_exit(2s);
    last_output = server->output();
    if (status && last_output.find("Address already in use") != std::string::npos) continue;
    break;
  }
  throw std::runtime_error(executable + " did not start listening; stderr:\n" + last_output);
}

}  // namespace scenario_test
