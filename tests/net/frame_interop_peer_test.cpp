// Two frame_interop_peer processes over loopback: the exchange INTEROP.md runs against the Python
// original, ended by a real process teardown on each side in turn.
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

extern char** environ;

namespace {

// One peer: stdout and stderr are pipes, read with a deadline so a silent peer fails the test.
class peer_process {
 public:
  explicit peer_process(std::vector<std::string> args) {
    args.insert(args.begin(), LC_FRAME_INTEROP_PEER);
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

}  // namespace

TEST(frame_interop_peer, two_processes_run_the_exchange_and_the_listener_sees_the_driver_go) {
  peer_process listener({"--role=respond", "--port=0"});
  std::string port = listener.log_match(std::regex(R"(listening at (\d+)\n)"));
  ASSERT_FALSE(port.empty());
  peer_process driver({"--role=drive", "--port=" + port});
  EXPECT_EQ(driver.result(), std::make_pair(std::string("\"ok\"\n"), 0));
  EXPECT_EQ(listener.result(), std::make_pair(std::string("\"ABANDONED_BY_REMOTE\"\n"), 0));
}

TEST(frame_interop_peer, a_holding_driver_sees_the_listener_process_go) {
  peer_process listener({"--role=respond", "--port=0"});
  std::string port = listener.log_match(std::regex(R"(listening at (\d+)\n)"));
  ASSERT_FALSE(port.empty());
  peer_process driver({"--role=drive", "--port=" + port, "--hold=true"});
  ASSERT_TRUE(driver.log_count("got vector<vector<float8>>", 3));  // the exchange is over
  ::kill(listener.pid(), SIGINT);
  EXPECT_EQ(driver.result(), std::make_pair(std::string("\"ABANDONED_BY_REMOTE\"\n"), 0));
  EXPECT_EQ(listener.result().second, 71);
}
