#pragma once
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lc::harness {

// How to start one server: an executable given --server-address=<json>, or a shell template
// run as `sh -c 'exec ...'` with {host}, {port} and {address} replaced by quoted single words.
struct server_command {
  std::string executable;
  std::string shell_template;
  std::vector<std::string> extra_args;
  std::string describe() const;
};

std::string address_json(unsigned short port);
std::string shell_quote(std::string_view word);
std::string expand_template(std::string_view text, unsigned short port);

class server_process;

struct launch_result {
  std::unique_ptr<server_process> server;
  std::string failure;  // empty on success
};

struct launch_options {
  std::chrono::milliseconds listen_deadline{5000};
  int attempts = 5;
};

class server_process {
public:
  static launch_result launch(const server_command& command, const launch_options& options = {});
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  pid_t pid() const { return pid_; }
  unsigned short port() const { return port_; }
  const std::string& mark() const { return mark_; }
  std::string output() const;  // what the server wrote to stderr
  bool wait_output_contains(std::string_view text, std::chrono::steady_clock::time_point deadline) const;
  // SIGKILL every marked process and reap what is ours; true if none is left after the deadline.
  bool kill_all(std::chrono::milliseconds deadline = std::chrono::milliseconds(2000));

private:
  server_process(pid_t pid, unsigned short port, std::string mark, int output_fd);
  void read_output();

  pid_t pid_;
  unsigned short port_;
  std::string mark_;
  int output_fd_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string output_;
  bool stop_ = false;
  std::thread reader_;
};

unsigned short free_port();
bool accepting(unsigned short port);
// For the harness's own SIGINT/SIGTERM: kill every process of every live server.
void kill_every_server();

}  // namespace lc::harness
