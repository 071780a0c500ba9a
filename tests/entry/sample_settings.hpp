#pragma once
// Settings of every kind the codec reads, shared by tests/entry and fuzz/settings_fuzz.cpp.
#include <map>

#include "lc/settings.hpp"

namespace test_settings {

enum class speed { SLOW, FAST };
BOOST_DESCRIBE_ENUM(speed, SLOW, FAST)

struct sample {
  std::int64_t x = 1;
  double ratio = 0.5;
  std::string name = "a";
  bool flag = false;
  std::optional<std::int64_t> count;
  std::vector<std::string> names;
  std::map<std::string, std::int64_t> table;
  lc::HostPort server_address{"127.0.0.1", 5050};
  speed mode = speed::SLOW;
  std::vector<std::vector<double>> grid;
};
BOOST_DESCRIBE_STRUCT(sample, (), (x, ratio, name, flag, count, names, table, server_address, mode, grid))

struct clashing {
  std::int64_t help = 0;
  std::int64_t role_name = 0;
};
BOOST_DESCRIBE_STRUCT(clashing, (), (help, role_name))

struct none {};
BOOST_DESCRIBE_STRUCT(none, (), ())

}  // namespace test_settings
