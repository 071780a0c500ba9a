#pragma once
#include <string>

#include "lc/channel.hpp"

// The child of the process tests; `mode` picks how it ends.
struct child_settings {
  std::string mode = "table";
  std::int64_t x = 2;
  std::int64_t y = 3;
};
BOOST_DESCRIBE_STRUCT(child_settings, (), (mode, x, y))

lc::message test_child(lc::channel& self, const child_settings& settings);
