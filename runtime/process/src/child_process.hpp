#pragma once
#include <sys/types.h>

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lc::detail {

// More stdout than this and the child is killed: no child can make its parent grow without bound.
inline constexpr std::size_t child_output_cap = 256u << 20;

struct child_exit {
  int code = 0;  // the exit status, or minus the signal that ended the child
  std::string output;
  bool output_over_cap = false;
};

// A child process: stdout is read to the end on a thread of its own, then the child is reaped and
// `on_exit` runs on that thread. stdin and stderr are shared with this process; no other
// descriptor is inherited. Throws std::system_error when the child cannot be started.
class child_process {
 public:
  // `environment` entries (NAME=value) are added to this process's own for the child.
  child_process(const std::string& path, const std::vector<std::string>& arguments,
                std::function<void(child_exit)> on_exit, const std::vector<std::string>& environment = {});
  ~child_process();  // joins the reader; the child must have ended (or be about to)
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const { return pid_; }
  // Signals the child unless it has already been reaped (so a reused pid is never hit).
  void signal(int number);

 private:
  void read_and_reap(int output_fd, std::function<void(child_exit)> on_exit);

  pid_t pid_ = -1;
  std::mutex mutex_;
  bool reaped_ = false;
  std::thread reader_;
};

// How many children have been started and not yet reaped, in this process.
std::size_t running_children();

// Where an executable named by a process binding is: beside this program first, then on PATH.
std::optional<std::string> find_executable(const std::string& name);

}  // namespace lc::detail
