#pragma once
// The reference's `type` value: a registered class named by its portable path ("test_api.Xy").
#include <string>

#include "lc/portable.hpp"

namespace lc {

struct type_name_value {
  std::string name;  // the full portable name, not the bare one
  friend bool operator==(const type_name_value&, const type_name_value&) = default;
};

template <>
struct portable_traits<type_name_value> {
  static std::string signature() { return "type"; }
};

}  // namespace lc
