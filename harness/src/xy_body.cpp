#include "lc_harness/xy_body.hpp"

#include <charconv>
#include <random>

namespace lc::harness {

std::string make_xy_body(int x, int y, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> dist(0.0, 1.0);
  std::string out = R"({"value":["vector<vector<float8>>",[)";
  char buf[32];
  for (int row = 0; row < y; ++row) {
    out += row ? ",[" : "[";
    for (int col = 0; col < x; ++col) {
      if (col) out += ',';
      const auto r = std::to_chars(buf, buf + sizeof buf, dist(gen));
      out.append(buf, r.ptr);
    }
    out += ']';
  }
  out += R"(],[]]})";
  return out;
}

}  // namespace lc::harness
