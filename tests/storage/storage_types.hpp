#pragma once
// The types of the golden files, as the generator declared them in Python.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lc/message.hpp"

namespace storage_test {

struct Customer {
  std::optional<std::string> name;
  std::optional<std::int64_t> age;
  bool operator==(const Customer&) const = default;
};
BOOST_DESCRIBE_STRUCT(Customer, (), (name, age))

struct Reading {
  std::vector<double> samples;
  std::map<std::string, std::map<std::string, double>> limits;
  std::string label;
  Customer owner;
  bool operator==(const Reading&) const = default;
};
BOOST_DESCRIBE_STRUCT(Reading, (), (samples, limits, label, owner))

// A type that refuses some values it decodes.
struct Bounded {
  std::int64_t n = 0;
  bool operator==(const Bounded&) const = default;
};
BOOST_DESCRIBE_STRUCT(Bounded, (), (n))
inline std::optional<lc::Faulted> validate(const Bounded& b) {
  if (b.n > 10) return lc::Faulted("too big", "n goes up to 10");
  return std::nullopt;
}

using customers = std::map<std::int64_t, Customer>;

inline customers golden_customers() {
  return {{1, {"Bobby", 43}}, {7, {"Zo\u00eb \u2603", std::nullopt}}, {12, {std::nullopt, 5}}};
}

inline Reading golden_reading() {
  return {{0.1, 1e16, -2.5, 1e-05, 3.0, 0.7121297344671714},
          {{"alpha", {{"x", 1e300}}}, {"zeta", {{"a", 0.5}, {"b", 2.0}}}},
          "Zo\u00eb \u2603 \U0001D11E \"q\" \\ \t",
          {"Ann", 61}};
}

}  // namespace storage_test

LC_MESSAGE(storage_test::Customer, "storage_test.Customer")
LC_MESSAGE(storage_test::Reading, "storage_test.Reading")
LC_MESSAGE(storage_test::Bounded, "storage_test.Bounded")
