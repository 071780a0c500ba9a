#pragma once
// Runs one of this folder's test programs as a real child process: stdout and stderr through
// pipes, exit status through waitpid, everything bounded by a deadline.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace entry_test {

struct child_result {
  std::string out;
  std::string err;
  int code = -1;    // exit code, or -signal
  bool timed_out = false;
};

class child {
 public:
  // `program` is a file name in the folder of the running test executable.
  child(const std::string& program, const std::vector<std::string>& args);
  ~child();
  child(const child&) = delete;
  child& operator=(const child&) = delete;

  pid_t pid() const { return pid_; }
  // Reads until stderr contains `text`; false at the deadline or end of output.
  bool wait_for_stderr(std::string_view text, std::chrono::milliseconds deadline);
  // Reads both pipes to the end and reaps the child; kills it at the deadline.
  child_result finish(std::chrono::milliseconds deadline);

 private:
  bool pump(std::chrono::steady_clock::time_point until);  // false when both pipes ended
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  child_result result_;
};

std::string sibling_path(const std::string& program);
child_result run_child(const std::string& program, const std::vector<std::string>& args,
                       std::chrono::milliseconds deadline = std::chrono::seconds(20));
// Reaps `pid` (a child or an adopted orphan), waiting at most `deadline`; the code as above, or
// still_running.
inline constexpr int still_running = -1000;
int reap(pid_t pid, std::chrono::milliseconds deadline);

}  // namespace entry_test
