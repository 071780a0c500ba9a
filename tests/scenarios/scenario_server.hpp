#pragma once
// One scenario server as a child process of the test: started on a free loopback port (retried
// when the port is taken meanwhile), its stderr read line by line on a thread, so tests wait for
// a logged event with a deadline instead of sleeping. The destructor kills whatever is left.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace scenario_test {

using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string binary_path(const std::string& name);  // in the build's bin folder
std::string server_name(int scenario);              // test_server_N
std::string address_argument(unsigned short port);  // --server-address={"host":...,"port":P}
unsigned short free_port();

using line_test = std::function<bool(std::string_view)>;
line_test contains(std::string text);
// A line the server's main object (pid's process) logged on receiving `type`.
line_test main_object_received(pid_t pid, const std::string& type);

struct launch_options {
  std::vector<std::string> arguments;               // after --server-address
  std::map<std::string, std::string> environment;   // added to the test's own
  bool debug = true;                                // --debug-level=OBJECT, for "Received" lines
};

struct exit_status {
  bool exited = false;  // by exit(), not by a signal
  int code = -1;        // exit code, or the signal number
};

class scenario_server {
 public:
  // Starts the executable with exactly these arguments (no address); for CLI tests.
  scenario_server(const std::string& executable, const std::vector<std::string>& arguments,
                  const std::map<std::string, std::string>& environment);
  ~scenario_server();
  scenario_server(const scenario_server&) = delete;
  scenario_server& operator=(const scenario_server&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& mark() const { return mark_; }
  std::string output() const;  // stderr so far
  std::string standard_output() const;
  // True once the process and everything holding its stdout and stderr have closed them.
  bool wait_streams_closed(clock_type::duration within) const;
  // True once `count` lines of stderr pass `test`; false at the deadline.
  bool wait_for_lines(const line_test& test, std::size_t count, clock_type::duration within) const;
  bool wait_for_line(const line_test& test, clock_type::duration within) const {
    return wait_for_lines(test, 1, within);
  }
  std::size_t count_lines(const line_test& test) const;

  void signal(int number) const;
  // The exit status if the process ended within the deadline (it is then reaped).
  std::optional<exit_status> wait_exit(clock_type::duration within);
  // Processes carrying this server's mark, the server itself excluded.
  std::vector<pid_t> descendants() const;
  // True when at least `count` descendants are alive within the deadline.
  bool wait_descendants(std::size_t count, clock_type::duration within) const;
  // True when no marked process is alive within the deadline.
  bool wait_no_descendants(clock_type::duration within) const;

 private:
  void read_streams();
  std::size_t count_lines_locked(const line_test& test) const;

  pid_t pid_ = -1;
  bool reaped_ = false;
  exit_status final_status_;
  std::string mark_;
  int error_fd_ = -1;
  int output_fd_ = -1;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string error_text_;
  std::string output_text_;
  bool stop_ = false;
  int open_streams_ = 2;
  std::thread reader_;
};

// A server listening on a free port: retried on "Address already in use", and ready when its
// stderr shows it received Listening (or, without debug output, when it accepts a connection).
struct listening_server {
  std::unique_ptr<scenario_server> process;
  unsigned short port = 0;
  scenario_server* operator->() const { return process.get(); }
};

listening_server start_server(int scenario, const launch_options& options = {});
listening_server start_executable(const std::string& executable, const launch_options& options = {});

bool accepts_connections(unsigned short port);

}  // namespace scenario_test
