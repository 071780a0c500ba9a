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

// A field of every kind a query or form converts.
struct Big {
  std::string s;
  double f = 0;
  bool b = false;
  std::vector<std::int64_t> v;
  std::optional<double> o = 1.5;
};
BOOST_DESCRIBE_STRUCT(Big, (), (s, f, b, v, o))
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
LC_MESSAGE(test_api::Big, "test_api.Big")
LC_MESSAGE(frame_api::Pointed, "frame_api.Pointed")
LC_MESSAGE(types_demo::Inner, "types_demo.Inner")
LC_TYPE(std::vector<std::vector<double>>)
LC_TYPE(std::vector<std::string>)
