#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <boost/describe.hpp>

namespace lc {

// The reference's error value. Its kinds (Aborted, TimedOut, Busy ...) derive from it, and
// `message::get<Faulted>()` finds the Faulted inside any of them.
struct Faulted {
  std::string condition = "fault";
  std::optional<std::string> explanation;
  std::optional<std::int64_t> error_code;
  std::optional<std::int64_t> exit_status;

  Faulted() = default;
  explicit Faulted(std::string condition, std::optional<std::string> explanation = {},
                   std::optional<std::int64_t> error_code = {}, std::optional<std::int64_t> exit_status = {})
      : condition(std::move(condition)), explanation(std::move(explanation)),
        error_code(error_code), exit_status(exit_status) {}

  // "condition (explanation)", or "condition" alone.
  std::string to_string() const {
    return explanation ? condition + " (" + *explanation + ")" : condition;
  }
};
BOOST_DESCRIBE_STRUCT(Faulted, (), (condition, explanation, error_code, exit_status))

}  // namespace lc
