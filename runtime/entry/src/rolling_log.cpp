#include "rolling_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <string>
#include <system_error>
#include <vector>

#include "lc/log.hpp"

namespace lc::detail {

namespace {

namespace fs = std::filesystem;

const std::regex file_name(R"([0-9]{4}h[0-9]{2}h[0-9]{2}T[0-9]{2}c[0-9]{2}c[0-9]{2}p[0-9]{3})");

// "2026-12-03T10:52:20.123 ..." becomes 2026h12h03T10c52c20p123, as the reference names files.
std::string name_for(std::string_view line) {
  std::string name(line.substr(0, std::min<std::size_t>(23, line.find(' '))));
  for (char& c : name) c = c == '-' ? 'h' : c == ':' ? 'c' : c == '.' ? 'p' : c;
  return name;
}

rolling_log* active = nullptr;

void write_without_pid(const std::string& line) {
  std::string_view text = line;
  if (text.size() > 11 && text[0] == '[' && text[9] == ']') text.remove_prefix(11);
  if (active != nullptr) active->write(text);
}

}  // namespace

std::size_t rolling_log::files_for_storage(std::int64_t log_storage) {
  auto file = static_cast<std::int64_t>(bytes_per_line * default_lines_in_file);
  return static_cast<std::size_t>(std::max<std::int64_t>(1, log_storage / file));
}

rolling_log::rolling_log(fs::path folder, std::size_t files_in_folder, std::size_t lines_in_file)
    : folder_(std::move(folder)),
      files_in_folder_(std::max<std::size_t>(1, files_in_folder)),
      lines_in_file_(std::max<std::size_t>(1, lines_in_file)),
      bytes_in_file_(bytes_per_line * lines_in_file_) {
  std::error_code error;
  fs::create_directories(folder_, error);
  std::vector<fs::path> found;
  for (auto it = fs::directory_iterator(folder_, error); !error && it != fs::directory_iterator(); it.increment(error))
    if (std::regex_match(it->path().filename().native(), file_name)) found.push_back(it->path());
  std::sort(found.begin(), found.end());  // the names sort as their times
  files_.assign(found.begin(), found.end());
}

rolling_log::~rolling_log() {
  if (fd_ >= 0) ::close(fd_);
}

void rolling_log::open_for(std::string_view line) {
  if (fd_ >= 0) ::close(fd_);
  auto path = folder_ / name_for(line);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  lines_ = 0;
  bytes_ = 0;
  if (fd_ < 0) return;
  if (files_.empty() || files_.back() != path) files_.push_back(path);
  while (files_.size() > files_in_folder_) {
    std::error_code ignored;
    fs::remove(files_.front(), ignored);
    files_.pop_front();
  }
}

void rolling_log::write(std::string_view line) {
  std::string cut;
  if (line.size() > bytes_in_file_) {
    cut.assign(line.substr(0, bytes_in_file_ - 1)).push_back('\n');
    line = cut;
  }
  if (fd_ < 0 || lines_ >= lines_in_file_ || bytes_ + line.size() > bytes_in_file_) open_for(line);
  if (fd_ < 0) return;
  std::size_t done = 0;
  while (done < line.size()) {
    auto n = ::write(fd_, line.data() + done, line.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ++lines_;
  bytes_ += line.size();
}

void log_to(rolling_log* log) {
  active = log;
  set_log_hook(log != nullptr ? &write_without_pid : nullptr);
}

}  // namespace lc::detail
