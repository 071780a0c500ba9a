// log: the lines of a role's rolling log in a window of time, as the reference's `layer-cake log`:
// a beginning (--tail lines back from the end, --from a time, --last the start of this month,
// week ... five minutes, --back a span from now, --start a run of start_stop) and an optional
// ending (--to a time, --span after the beginning, --count lines), with --tags keeping the lines
// of some log tags only, or --sample the values of one sample series as tab-separated columns;
// --clock reads and prints times in local time.
#include <algorithm>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>

#include "commands.hpp"

namespace lc::tools {

namespace fs = std::filesystem;

namespace {

// The reference's TimeFrame: --last=HOUR begins at the start of the current hour (UTC).
enum class time_frame { MONTH, WEEK, DAY, HOUR, MINUTE, HALF, QUARTER, TEN, FIVE };
BOOST_DESCRIBE_ENUM(time_frame, MONTH, WEEK, DAY, HOUR, MINUTE, HALF, QUARTER, TEN, FIVE)

struct log_flags {
  bool clock = false;
  std::optional<std::int64_t> tail;
  std::optional<std::string> from_;
  std::optional<time_frame> last;
  std::optional<time_span> back;
  std::optional<std::int64_t> start;
  std::optional<std::string> to;
  std::optional<time_span> span;
  std::optional<std::int64_t> count;
  std::optional<std::string> sample;
  std::optional<std::string> tags;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &log_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(log_flags, (), (clock, tail, from_, last, back, start, to, span, count, sample, tags))

using instant = std::chrono::sys_time<std::chrono::microseconds>;

constexpr std::size_t time_width = 23;  // "YYYY-MM-DDTHH:MM:SS.mmm", UTC
constexpr std::size_t tag_column = 24;
constexpr std::size_t name_column = 36;  // after "<AAAAAAAA>"

instant start_of(time_frame frame, instant now) {
  using namespace std::chrono;
  auto day = floor<days>(now);
  year_month_day date{day};
  auto in_day = now - day;
  auto minutes_in = floor<minutes>(in_day);
  auto minute_of_hour = minutes_in.count() % 60;
  auto hour = floor<hours>(in_day);
  switch (frame) {
    case time_frame::MONTH: return sys_days{date.year() / date.month() / 1};
    case time_frame::WEEK: return day - (weekday{day} - Monday);
    case time_frame::DAY: return day;
    case time_frame::HOUR: return day + hour;
    case time_frame::MINUTE: return day + minutes_in;
    case time_frame::HALF: return day + minutes_in - minutes(minute_of_hour % 30);
    case time_frame::QUARTER: return day + minutes_in - minutes(minute_of_hour % 15);
    case time_frame::TEN: return day + minutes_in - minutes(minute_of_hour % 10);
    case time_frame::FIVE: return day + minutes_in - minutes(minute_of_hour % 5);
  }
  return day;
}

// "2025-08-09t14:49:30.553", in local time, as the reference's --clock prints a line's time.
std::string local_stamp(instant at) {
  auto seconds = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(at));
  std::tm local{};
  ::localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dt%H:%M:%S", &local);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03lld", text, static_cast<long long>(ms));
  return out;
}

// A sample line's "name (a=1,b=2)" as the values of series `name`: "1\t2", else nothing.
std::optional<std::string> sampled(const std::string& line, const std::string& series) {
  if (line.size() <= tag_column || line[tag_column] != tag::sample) return std::nullopt;
  auto dash = line.find(" - ", name_column);
  if (dash == std::string::npos) return std::nullopt;
  auto text = line.substr(dash + 3);
  auto left = text.find(" (");
  if (text.empty() || text.back() != ')' || left == std::string::npos || text.substr(0, left) != series)
    return std::nullopt;
  auto pairs = text.substr(left + 2, text.size() - left - 3);
  std::string values;
  for (std::size_t from = 0;;) {
    auto comma = pairs.find(',', from);
    auto pair = pairs.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    auto equals = pair.find('=');
    if (equals == std::string::npos) return std::nullopt;
    if (!values.empty() || from > 0) values += '\t';
    values += pair.substr(equals + 1);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return values;
}

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
  std::optional<std::string> sample;
  bool clock = false;

  // What to print of a line, or nothing when it is not wanted.
  std::optional<std::string> shown(const std::string& line, std::optional<instant> at) const {
    if (sample) {
      auto values = sampled(line, *sample);
      if (!values) return std::nullopt;
      auto stamp = clock && at ? local_stamp(*at) : line.substr(0, time_width);
      return stamp + '\t' + *values;
    }
    if (tags && (line.size() <= tag_column || tags->find(line[tag_column]) == std::string::npos)) return std::nullopt;
    if (clock && at) return local_stamp(*at) + line.substr(line.find(' '));
    return line;
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
      auto text = w.shown(line, at);
      if (!text) continue;
      if (w.tail) {
        kept.push_back(std::move(*text));
        if (static_cast<std::int64_t>(kept.size()) > *w.tail) kept.pop_front();
        continue;
      }
      std::cout << *text << '\n';
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
  int beginnings = !!flags.tail + !!flags.from_ + !!flags.last + !!flags.back + !!flags.start;
  if (beginnings > 1) return Faulted(cannot, "need one of tail, from_, last, start or back");
  if (!!flags.to + !!flags.span + !!flags.count > 1) return Faulted(cannot, "optional use of to, span or count");
  auto home = home_path();
  auto roles = open_home(home, true, true);
  if (!roles)
    return Faulted(cannot, "home at " + in_quotes(home.string()) + " does not exist or contains unexpected/incomplete materials");
  if (!roles->contains(role)) return Faulted(cannot, "does not exist");
  auto folder = home / "role" / role;
  self.console("log (role_name=" + role + ", home_path=" + home.string() + ")");

  if (flags.sample && flags.tags) return Faulted(cannot, "sampling is by a specific tag");
  window w{flags.tail, std::nullopt, std::nullopt, flags.count, flags.tags, flags.sample, flags.clock};
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto time_at = [&](const std::string& text) {
    if (!flags.clock) return world_from_text(text).utc;
    return std::chrono::time_point_cast<std::chrono::microseconds>(clock_from_text(text));
  };
  if (beginnings == 0) w.tail = 20;  // the reference fills a terminal; ours is a fixed page
  if (w.tail && *w.tail < 1) return Faulted(cannot, "tail [" + std::to_string(*w.tail) + "] out of range");
  try {
    if (flags.from_) w.begin = time_at(*flags.from_);
    if (flags.last) w.begin = start_of(*flags.last, now);
    if (flags.back) w.begin = after(now, -*flags.back);
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
    if (flags.to) w.end = time_at(*flags.to);
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
