#pragma once
// Logging as the reference writes it (runtime-contract §7.4), on stderr:
//   [PPPPPPPP] YYYY-MM-DDTHH:MM:SS.mmm T <AAAAAAAA>Name[STATE] - text
// Every call checks the level before formatting anything, so logging is next to free when off.
#include <atomic>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

#include "lc/address.hpp"

namespace lc {

enum class log_level { DEBUG, TRACE, OBJECT, CONSOLE, WARNING, FAULT, NONE };

// The tags of the reference and the level each one belongs to.
namespace tag {
inline constexpr char created = '+', destroyed = 'X', sent = '>', received = '<';
inline constexpr char process_started = '(', process_ended = ')';
inline constexpr char fault = '!', warning = '?', check = '=', console = '^';
inline constexpr char trace = '~', sample = '&', debug = '_';
}  // namespace tag

log_level level_of_tag(char tag);
void set_log_level(log_level level);
log_level get_log_level();
// "DEBUG" ... "NONE", upper case only as the reference; nullopt for anything else.
std::optional<log_level> parse_log_level(std::string_view text);

namespace detail {
extern std::atomic<int> log_threshold;
inline bool logging(char tag) {
  return static_cast<int>(level_of_tag(tag)) >= log_threshold.load(std::memory_order_relaxed);
}
// Writes one whole line to the log sink (stderr unless redirected).
void write_log(char tag, const address& who, std::string_view name, std::string_view state,
               std::string_view text);
// Formats the line without writing it (tests, other sinks).
std::string format_log_line(char tag, const address& who, std::string_view name, std::string_view state,
                            std::string_view text);
// Tests capture lines: while a hook is set, lines go to it instead of stderr.
void set_log_hook(void (*hook)(const std::string& line));

template <class... A>
std::string join_words(A&&... args);
}  // namespace detail

// A keyword pair for the log calls, as the reference's **kw: self.trace("series", lc::kv("a", 1))
// gives "series (a=1)"; pairs are joined with "," and no space, as the reference's code does.
struct kv {
  template <class T>
  kv(std::string_view key, const T& value) : text(key) {
    std::ostringstream out;
    out << value;
    text += '=';
    text += out.str();
  }
  std::string text;
};

namespace detail {
template <class... A>
std::string join_words(A&&... args) {
  std::ostringstream words;
  std::string pairs;
  bool first = true;
  auto one = [&](auto&& a) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, kv>) {
      if (!pairs.empty()) pairs += ',';
      pairs += a.text;
    } else {
      if (!first) words << ' ';
      first = false;
      words << a;
    }
  };
  (one(std::forward<A>(args)), ...);
  std::string text = words.str();
  if (pairs.empty()) return text;
  return text.empty() ? pairs : text + " (" + pairs + ")";
}
}  // namespace detail

}  // namespace lc
