#pragma once
// The API every scenario serves: GET /Xy?x=2&y=2 -> a y-by-x table of random floats.
#include <cstdint>
#include <optional>
#include <vector>

#include "lc/messages.hpp"

struct Xy {
  std::int64_t x = 1;
  std::int64_t y = 1;
};
BOOST_DESCRIBE_STRUCT(Xy, (), (x, y))

using table_type = std::vector<std::vector<double>>;

// Refuses sizes no server should compute: negative, or more cells than the limit
// (LC_MAX_TABLE_CELLS in the environment, default 1,000,000 cells, about 20 MB of JSON).
std::optional<lc::Faulted> validate(const Xy& xy);

LC_MESSAGE(Xy, "test_api.Xy")
LC_TYPE(table_type)
