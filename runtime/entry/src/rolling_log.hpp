#pragma once
// The reference's rolling log: a role's log lines kept in a folder of files named after the time
// of their first line (2026h12h03T10c52c20p123, UTC), a new file after `lines_in_file` lines, the
// oldest removed beyond `files_in_folder`. Each file is also closed at `bytes_in_file`, so the
// folder holds at most files_in_folder x bytes_in_file (plus one line) whatever the lines' length.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <deque>
#include <string_view>

namespace lc::detail {

class rolling_log {
 public:
  static constexpr std::size_t default_lines_in_file = 16384;
  static constexpr std::size_t bytes_per_line = 120;  // the reference's estimate, 1.9 MiB a file

  // For a role's log_storage: the reference's files_in_folder, at least 1.
  static std::size_t files_for_storage(std::int64_t log_storage);

  rolling_log(std::filesystem::path folder, std::size_t files_in_folder,
              std::size_t lines_in_file = default_lines_in_file);
  rolling_log(const rolling_log&) = delete;
  rolling_log& operator=(const rolling_log&) = delete;
  ~rolling_log();

  // One line, "YYYY-MM-DDTHH:MM:SS.mmm T <AAAAAAAA>Name - text\n". A failed write is dropped:
  // logging never ends the process.
  void write(std::string_view line);

 private:
  void open_for(std::string_view line);

  std::filesystem::path folder_;
  std::size_t files_in_folder_;
  std::size_t lines_in_file_;
  std::size_t bytes_in_file_;
  std::deque<std::filesystem::path> files_;  // oldest first
  int fd_ = -1;
  std::size_t lines_ = 0;
  std::size_t bytes_ = 0;
};

// Sends this process's log lines (lc/log.hpp) to `log` instead of stderr, without the pid prefix
// the console lines carry, as the reference's rolling files have none.
void log_to(rolling_log* log);

}  // namespace lc::detail
