// log: the lines of a role's rolling log in a window of time, as the reference's `layer-cake log`:
// a beginning (--tail lines back from the end, --from a time, --back a span from now, --start a
// run of start_stop) and an optional ending (--to a time, --span after the beginning, --count
// lines), with --tags keeping the lines of some log tags only.
#include <algorithm>
#include <deque>
#include <fstream>
#include <iostream>

#include "commands.hpp"

namespace lc::tools {

namespace fs = std::filesystem;

namespace {

struct log_flags {
  std::optional<std::int64_t> tail;
  std::optional<std::string> from_;
  std::optional<time_span> back;
  std::optional<std::int64_t> start;
  std::optional<std::string> to;
  std::optional<time_span> span;
  std::optional<std::int64_t> count;
  std::optional<std::string> tags;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &log_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(log_flags, (), (tail, from_, back, start, to, span, count, tags))

using instant = std::chrono::sys_time<std::chrono::microseconds>;

constexpr std::size_t time_width = 23;  // "YYYY-MM-DDTHH:MM:SS.mmm", UTC
constexpr std::size_t tag_column = 24;

// The log's files, oldest first: their names are the UTC time of their first line.
std::vector<fs::path> log_files(const fs::path& logs) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(logs, ec))
    if (entry.is_regular_file(ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<instant> time_of(const std::string& line) {
  if (line.size() < time_width) return std::nullopt;
  try {
    return world_from_text(line.substr(0, time_width)).utc;
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

instant after(instant from, time_span span) {
  return from + std::chrono::duration_cast<std::chrono::microseconds>(span);
}

struct window {
  std::optional<std::int64_t> tail;
  std::optional<instant> begin;
  std::optional<instant> end;
  std::optional<std::int64_t> count;
  std::optional<std::string> tags;

  bool wanted(const std::string& line) const {
    return !tags || (line.size() > tag_column && tags->find(line[tag_column]) != std::string::npos);
  }
};

void print(const fs::path& logs, const window& w) {
  std::deque<std::string> kept;  // for --tail, the last lines seen
  std::int64_t printed = 0;
  // A line's time is cut to the millisecond: a run that began at .134500 logs from .134.
  std::optional<instant> begin;
  if (w.begin) begin = std::chrono::floor<std::chrono::milliseconds>(*w.begin);
  for (const auto& file : log_files(logs)) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      auto at = time_of(line);
      if (begin && (!at || *at < *begin)) continue;
      if (w.end && at && *at > *w.end) return;
      if (!w.wanted(line)) continue;
      if (w.tail) {
        kept.push_back(std::move(line));
        if (static_cast<std::int64_t>(kept.size()) > *w.tail) kept.pop_front();
        continue;
      }
      std::cout << line << '\n';
      if (w.count && ++printed >= *w.count) return;
    }
  }
  for (const auto& line : kept) {
    std::cout << line << '\n';
    if (w.count && ++printed >= *w.count) return;
  }
}

}  // namespace

message log(channel& self, const command_input& in) {
  auto flags = flags_of<log_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto role = word_at(in.words, 0);
  if (role.empty()) role = process_flags().role_name.value_or("");
  if (role.empty()) return Faulted("cannot log", "no role specified");
  auto cannot = "cannot log " + in_quotes(role);
  int beginnings = !!flags.tail + !!flags.from_ + !!flags.back + !!flags.start;
  if (beginnings > 1) return Faulted(cannot, "need one of tail, from_, start or back");
  if (!!flags.to + !!flags.span + !!flags.count > 1) return Faulted(cannot, "optional use of to, span or count");
  auto home = home_path();
  auto roles = open_home(home, true, true);
  if (!roles)
    return Faulted(cannot, "home at " + in_quotes(home.string()) + " does not exist or contains unexpected/incomplete materials");
  if (!roles->contains(role)) return Faulted(cannot, "does not exist");
  auto folder = home / "role" / role;
  self.console("log (role_name=" + role + ", home_path=" + home.string() + ")");

  window w{flags.tail, std::nullopt, std::nullopt, flags.count, flags.tags};
  if (beginnings == 0) w.tail = 20;  // the reference fills a terminal; ours is a fixed page
  if (w.tail && *w.tail < 1) return Faulted(cannot, "tail [" + std::to_string(*w.tail) + "] out of range");
  try {
    if (flags.from_) w.begin = world_from_text(*flags.from_).utc;
    if (flags.back)
      w.begin = after(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()), -*flags.back);
    if (flags.start) {
      auto runs = records_of(folder);
      if (runs.empty()) return Faulted(cannot, "no history available");
      std::vector<instant> starts;
      for (const auto& run : runs) starts.push_back(run.start.utc);
      auto row = *flags.start < 0 ? static_cast<std::int64_t>(starts.size()) + *flags.start : *flags.start;
      if (row < 0 || row >= static_cast<std::int64_t>(starts.size()))
        return Faulted(cannot, "start [" + std::to_string(row) + " out of range]");
      w.begin = starts[row];
      if (row + 1 < static_cast<std::int64_t>(starts.size())) w.end = starts[row + 1];
    }
    if (flags.to) w.end = world_from_text(*flags.to).utc;
  } catch (const std::exception& e) {
    return Faulted(cannot, e.what());
  }
  if (flags.span) {
    if (!w.begin) return Faulted(cannot, "span has nowhere to start");
    w.end = after(*w.begin, *flags.span);
  }
  if (w.begin && w.end && *w.end < *w.begin) return Faulted(cannot, "<end> comes before <begin>");
  print(folder / "logs", w);
  return {};
}

}  // namespace lc::tools
