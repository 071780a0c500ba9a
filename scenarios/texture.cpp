#include "texture.hpp"

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

namespace {

std::int64_t environment_number(const char* name, std::int64_t otherwise) {
  const char* text = std::getenv(name);
  return text ? std::strtoll(text, nullptr, 10) : otherwise;
}

// Test-only: LC_TEXTURE_US_PER_CELL makes texture slow in proportion to its size, so tests can
// show which scenarios let a small request overtake a large one.
const std::int64_t microseconds_per_cell = environment_number("LC_TEXTURE_US_PER_CELL", 0);
const std::int64_t maximum_cells = environment_number("LC_MAX_TABLE_CELLS", 1'000'000);

}  // namespace

std::optional<lc::Faulted> validate(const Xy& xy) {
  if (xy.x < 0 || xy.y < 0)
    return lc::Faulted("cannot make table", "negative size x=" + std::to_string(xy.x) + ", y=" + std::to_string(xy.y), 400);
  // Each side on its own too: a zero side would let the other ask for any number of rows.
  if (xy.x > maximum_cells || xy.y > maximum_cells || (xy.x != 0 && xy.y > maximum_cells / xy.x))
    return lc::Faulted("cannot make table",
                       "x*y exceeds the limit of " + std::to_string(maximum_cells) + " cells", 400);
  return std::nullopt;
}

table_type texture(std::int64_t x, std::int64_t y) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  if (microseconds_per_cell > 0)
    std::this_thread::sleep_for(std::chrono::microseconds(microseconds_per_cell * x * y));
  table_type table(static_cast<std::size_t>(y));
  for (auto& row : table) {
    row.resize(static_cast<std::size_t>(x));
    for (auto& cell : row) cell = uniform(generator);
  }
  return table;
}
