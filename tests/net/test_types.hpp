#pragma once
// Message types shared by the network tests, under the reference demos' names.
#include <string>

#include "lc/net_messages.hpp"

namespace test_api {
struct Xy {
  std::int64_t x = 1;
  std::int64_t y = 1;
};
BOOST_DESCRIBE_STRUCT(Xy, (), (x, y))
}  // namespace test_api

namespace frame_api {
struct Pointed {
  std::string name;
  lc::address where;
};
BOOST_DESCRIBE_STRUCT(Pointed, (), (name, where))
}  // namespace frame_api

namespace types_demo {
struct Inner {
  std::int64_t a = 0;
  std::string s;
};
BOOST_DESCRIBE_STRUCT(Inner, (), (a, s))
}  // namespace types_demo

using table = std::vector<std::vector<double>>;

LC_MESSAGE(test_api::Xy, "test_api.Xy")
LC_MESSAGE(frame_api::Pointed, "frame_api.Pointed")
LC_MESSAGE(types_demo::Inner, "types_demo.Inner")
LC_TYPE(std::vector<std::vector<double>>)
LC_TYPE(std::vector<std::string>)
