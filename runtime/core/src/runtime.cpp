#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

#include "core.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {


namespace {

// SIGINT/SIGTERM/SIGHUP/SIGQUIT -> a byte down a pipe -> a thread that sends Stop to the main object.
std::atomic<int> signal_pipe_write{-1};

extern "C" void on_signal(int signo) {
  int saved = errno;
  int fd = signal_pipe_write.load();
  if (fd >= 0) {
    char byte = static_cast<char>(signo);
    [[maybe_unused]] auto n = ::write(fd, &byte, 1);
  }
  errno = saved;
}

class signal_relay {
 public:
  explicit signal_relay(address root) {
    if (::pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error("cannot create the signal pipe");
    signal_pipe_write.store(fds_[1]);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (std::size_t i = 0; i < std::size(signals_); ++i) ::sigaction(signals_[i], &action, &previous_[i]);
    thread_ = std::thread([this, root] {
      for (;;) {
        char byte = 0;
        auto n = ::read(fds_[0], &byte, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || byte == 0) return;
        if (logging(tag::warning))
          write_log(tag::warning, root, "root", "", "Signal " + std::to_string(byte) + ", Stop to main");
        post(Stop{}, root, root);  // the root forwards it once the main object exists
      }
    });
  }
  ~signal_relay() {
    for (std::size_t i = 0; i < std::size(signals_); ++i) ::sigaction(signals_[i], &previous_[i], nullptr);
    signal_pipe_write.store(-1);
    char zero = 0;
    [[maybe_unused]] auto n = ::write(fds_[1], &zero, 1);
    thread_.join();
    ::close(fds_[0]);
    ::close(fds_[1]);
  }

 private:
  static constexpr int signals_[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  struct sigaction previous_[4] {};
  int fds_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace

namespace {
std::atomic<bool> abandoned{false};

std::chrono::steady_clock::duration seconds_of(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
}
}  // namespace

bool threads_abandoned() { return abandoned; }

message run_root(const std::function<address(channel&)>& create_main, const run_settings& settings) {
  using clock = std::chrono::steady_clock;
  message result;
  bool abandon = false;
  {
    channel root("root");
    std::optional<signal_relay> signals;
    if (settings.handle_signals) signals.emplace(root.self_address());
    address main = create_main(root);
    // After Stop, how long to wait for objects that do not end: long while keep_waiting() holds
    // (or abandoning is off), short otherwise.
    std::optional<clock::time_point> stopped_at;
    auto waited_enough = [&] {
      auto now = clock::now();
      if (!settings.abandon_busy) return now - *stopped_at >= seconds_of(settings.stop_grace);
      if (now - *stopped_at >= seconds_of(settings.stop_grace)) return true;
      if (now - *stopped_at < seconds_of(settings.busy_grace)) return false;
      return !(settings.keep_waiting && settings.keep_waiting());
    };
    constexpr auto slice = std::chrono::milliseconds(20);
    for (;;) {
      std::optional<message> m = stopped_at && settings.abandon_busy ? root.input(slice) : std::optional(root.input());
      if (!m) {
        if (waited_enough()) {
          result = Aborted{};  // the main object is busy and cannot take its Stop
          abandon = true;
          break;
        }
        continue;
      }
      if (m->get<Stop>() && root.return_address() == root.self_address()) {
        if (!stopped_at) stopped_at = clock::now();
        root.send(Stop{}, main);
        continue;
      }
      if (auto* r = m->get<Returned>(); r && root.return_address() == main) {
        result = r->message;
        break;
      }
    }
    // The main object has ended: its live children get Stop and a grace period to end.
    if (!stopped_at) stopped_at = clock::now();
    std::size_t waiting = 0;
    for (auto& child : children_of(main))
      if (watch(child, root.self_address())) {
        root.send(Stop{}, child);
        ++waiting;
      }
    while (waiting > 0) {
      if (waited_enough()) {
        abandon = settings.abandon_busy;
        break;
      }
      auto m = root.input(slice);
      if (m && m->get<Gone>()) --waiting;
    }
  }
  run_teardown_hooks();
  if (abandon) {
    abandoned = true;  // busy threads are left to the process's _exit
    return result;
  }
  shutdown();
  return result;
}

}  // namespace lc::detail
