#pragma once
#include "lc/channel.hpp"
#include "test_api.hpp"

// texture() as a process's main function: `test_function_5 --x=2 --y=2` prints the table.
struct texture_settings {
  std::int64_t x = 8;
  std::int64_t y = 8;
};
BOOST_DESCRIBE_STRUCT(texture_settings, (), (x, y))

table_type texture_process(lc::channel& self, const texture_settings& size);
