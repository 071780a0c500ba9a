#pragma once
// Test helpers: a channel on the test thread that waits for a typed message with a deadline, and a
// capture of log lines.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "lc/channel.hpp"
#include "lc/log.hpp"
#include "lc/machine.hpp"
#include "lc/runtime.hpp"
#include "lc/timer.hpp"

struct Xy {
  std::int64_t x = 1;
  std::int64_t y = 1;
};
BOOST_DESCRIBE_STRUCT(Xy, (), (x, y))
LC_MESSAGE(Xy, "test_api.Xy")

struct Job {
  std::int64_t id = 0;
};
BOOST_DESCRIBE_STRUCT(Job, (), (id))
LC_MESSAGE(Job, "test_runtime.Job")

namespace test {

// Waits for the next message (any type) for at most `seconds`; fails the test on timeout.
inline lc::message next(lc::channel& c, double seconds = 10) {
  auto m = c.input(seconds);
  if (!m) ADD_FAILURE() << "no message within " << seconds << " s";
  return m ? *m : lc::message{};
}

// Waits for a message of type T, failing on anything else or on timeout.
template <class T>
T expect(lc::channel& c, double seconds = 10) {
  lc::message m = next(c, seconds);
  auto* value = m.get<T>();
  if (value == nullptr) {
    ADD_FAILURE() << "expected " << lc::type_of<T>().name << ", got " << m.type_name();
    return T{};
  }
  return *value;
}

// The value inside the next Returned.
inline lc::message returned(lc::channel& c, double seconds = 10) { return expect<lc::Returned>(c, seconds).message; }

// Captures log lines while alive; sets the level and restores NONE after.
class log_capture {
 public:
  explicit log_capture(lc::log_level level) {
    std::lock_guard lock(mutex());
    lines().clear();
    lc::detail::set_log_hook(&hook);
    lc::set_log_level(level);
  }
  ~log_capture() {
    lc::set_log_level(lc::log_level::NONE);
    lc::detail::set_log_hook(nullptr);
  }
  std::vector<std::string> snapshot() const {
    std::lock_guard lock(mutex());
    return lines();
  }
  bool contains(const std::string& text) const {
    for (auto& l : snapshot())
      if (l.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  static void hook(const std::string& line) {
    std::lock_guard lock(mutex());
    lines().push_back(line);
  }
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::vector<std::string>& lines() {
    static std::vector<std::string> l;
    return l;
  }
};

}  // namespace test
