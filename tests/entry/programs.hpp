#pragma once
// Settings and results shared by the test programs and the tests that run them.
#include "lc/entry_point.hpp"

namespace test_entry {

enum class speed { SLOW, FAST };
BOOST_DESCRIBE_ENUM(speed, SLOW, FAST)

// entry_echo returns its settings, so a test sees exactly what the command line decoded to.
struct echo_settings {
  std::int64_t x = 1;
  double ratio = 0.5;
  std::string label = "a";
  bool flag = false;
  std::optional<std::int64_t> count;
  std::vector<std::string> names;
  lc::HostPort server_address{"127.0.0.1", 5050};
  speed mode = speed::SLOW;
};
BOOST_DESCRIBE_STRUCT(echo_settings, (), (x, ratio, label, flag, count, names, server_address, mode))

// entry_table: an x by y table of `value`, like the demos' texture.
struct table_settings {
  std::int64_t x = 2;
  std::int64_t y = 2;
  double value = 0.25;
};
BOOST_DESCRIBE_STRUCT(table_settings, (), (x, y, value))

// A command line that decodes is still refused when validate() says so.
inline std::optional<lc::Faulted> validate(const table_settings& s) {
  if (s.x < 0 || s.y < 0 || s.x > 1000 || s.y > 1000)
    return lc::Faulted("table out of range", "x and y go from 0 to 1000");
  return std::nullopt;
}

// entry_fault returns Faulted("test fault", explanation, -, exit_status).
struct fault_settings {
  std::optional<std::int64_t> exit_status;
  std::string explanation = "as asked";
};
BOOST_DESCRIBE_STRUCT(fault_settings, (), (exit_status, explanation))

// entry_home reports the home folders it was given, and with store_label stores "label" in the
// model folder and "scratch" in the tmp folder.
struct home_settings {
  bool store_label = false;
};
BOOST_DESCRIBE_STRUCT(home_settings, (), (store_label))

struct home_report {
  std::string model;
  std::optional<std::string> resource;
  std::string tmp;
  std::int64_t tmp_files_at_start = -1;
};
BOOST_DESCRIBE_STRUCT(home_report, (), (model, resource, tmp, tmp_files_at_start))

}  // namespace test_entry

LC_MESSAGE(test_entry::speed, "test_entry.speed")
LC_MESSAGE(test_entry::echo_settings, "test_entry.echo_settings")
LC_MESSAGE(test_entry::home_report, "test_entry.home_report")
