#include "lc/log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace lc {

namespace detail {
std::atomic<int> log_threshold{static_cast<int>(log_level::NONE)};
namespace {
std::mutex log_mutex;
std::atomic<void (*)(const std::string&)> log_hook{nullptr};
}  // namespace

std::string format_log_line(char tag, const address& who, std::string_view name, std::string_view state,
                            std::string_view text) {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t seconds = system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char head[80];
  int n = std::snprintf(head, sizeof head, "[%08d] %04d-%02d-%02dT%02d:%02d:%02d.%03d %c <%08x>",
                        static_cast<int>(::getpid()), utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                        utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms), tag, who.local_id());
  std::string line(head, n);
  line += name;
  if (!state.empty()) {
    line += '[';
    line += state;
    line += ']';
  }
  line += " - ";
  line += text;
  line += '\n';
  return line;
}

void write_log(char tag, const address& who, std::string_view name, std::string_view state,
               std::string_view text) {
  std::string line = format_log_line(tag, who, name, state, text);
  std::lock_guard lock(log_mutex);
  if (auto hook = log_hook.load()) return hook(line);  // captured (tests), not written
  std::size_t done = 0;
  while (done < line.size()) {
    auto n = ::write(2, line.data() + done, line.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
}

void set_log_hook(void (*hook)(const std::string& line)) { log_hook.store(hook); }
}  // namespace detail

log_level level_of_tag(char tag) {
  switch (tag) {
    case '_': return log_level::DEBUG;
    case '~': case '&': return log_level::TRACE;
    case '+': case 'X': case '>': case '<': case '(': case ')': return log_level::OBJECT;
    case '^': return log_level::CONSOLE;
    case '?': case '=': return log_level::WARNING;
    case '!': return log_level::FAULT;
    default: return log_level::FAULT;
  }
}

void set_log_level(log_level level) { detail::log_threshold.store(static_cast<int>(level)); }
log_level get_log_level() { return static_cast<log_level>(detail::log_threshold.load()); }

std::optional<log_level> parse_log_level(std::string_view text) {
  static constexpr std::pair<std::string_view, log_level> names[] = {
      {"DEBUG", log_level::DEBUG},     {"TRACE", log_level::TRACE}, {"OBJECT", log_level::OBJECT},
      {"CONSOLE", log_level::CONSOLE}, {"WARNING", log_level::WARNING}, {"FAULT", log_level::FAULT},
      {"NONE", log_level::NONE}};
  for (auto& [name, level] : names)
    if (name == text) return level;
  return std::nullopt;
}

}  // namespace lc
