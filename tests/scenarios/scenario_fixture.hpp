#pragma once
// Shared by the scenario tests: the scenario number as the test parameter, what kind it is,
// and the deadlines issue 4 and 5 set for it.
#include <gtest/gtest.h>

#include <string>

#include "http_client.hpp"
#include "response_check.hpp"
#include "scenario_server.hpp"

namespace scenario_test {

class each_scenario : public testing::TestWithParam<int> {
 protected:
  int scenario() const { return GetParam(); }
  bool runs_processes() const { return scenario() >= 5; }
  std::string name() const { return server_name(scenario()); }
  // SIGINT/SIGTERM to exit 71: 0.5 s for threads, 1 s for processes (with no descendant left).
  clock_type::duration teardown_deadline() const { return runs_processes() ? 1000ms : 500ms; }
  std::string aborted_line() const { return name() + ": aborted (user or software interrupt)"; }
};

inline std::string scenario_label(const testing::TestParamInfo<int>& info) {
  return "scenario_" + std::to_string(info.param);
}

// Every line of `text` that equals `line` exactly.
inline bool has_line(const std::string& text, const std::string& line) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.compare(start, end - start, line) == 0) return true;
    start = end + 1;
  }
  return false;
}

// texture() sleeps this long per cell in the servers and their children (test-only knob).
inline std::map<std::string, std::string> slow_texture(int microseconds_per_cell) {
  return {{"LC_TEXTURE_US_PER_CELL", std::to_string(microseconds_per_cell)}};
}

}  // namespace scenario_test
