#pragma once
#include <optional>
#include <string>

#include "lc/channel.hpp"

// The child of the process tests; `mode` picks how it ends.
struct child_settings {
  std::string mode = "table";
  std::int64_t x = 2;
  std::int64_t y = 3;
};
BOOST_DESCRIBE_STRUCT(child_settings, (), (mode, x, y))

// A value that decodes but may be out of range: over 10 is refused by its validate().
struct bounded {
  std::int64_t n = 0;
};
BOOST_DESCRIBE_STRUCT(bounded, (), (n))
std::optional<lc::Faulted> validate(const bounded& b);

lc::message test_child(lc::channel& self, const child_settings& settings);
