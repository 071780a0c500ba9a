#pragma once
// The resource of the REST server: a customer, kept by number.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "lc/message.hpp"

struct Customer {
  std::optional<std::string> name;
  std::optional<std::int64_t> age;
};
BOOST_DESCRIBE_STRUCT(Customer, (), (name, age))

using customer_table = std::map<std::int64_t, Customer>;

LC_MESSAGE(Customer, "test_resource.Customer")
LC_TYPE(customer_table)
