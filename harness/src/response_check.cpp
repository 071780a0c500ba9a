#include "lc_harness/response_check.hpp"

#include <charconv>
#include <cmath>

namespace lc::harness {

namespace {

constexpr std::string_view head = R"({"value":[)";
constexpr std::string_view signature = R"("vector<vector<float8>>")";
constexpr std::string_view tail = R"(,[]]})";

bool take(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

body_verdict take_number(std::string_view& s) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data()) return body_verdict::bad_number;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  if (!std::isfinite(v) || v < 0.0 || v >= 1.0) return body_verdict::out_of_range;
  return body_verdict::ok;
}

}  // namespace

body_verdict check_xy_body(std::string_view s, int x, int y) {
  if (!take(s, head)) return body_verdict::bad_envelope;
  if (!take(s, signature)) return body_verdict::bad_signature;
  if (!take(s, ",[")) return body_verdict::bad_envelope;
  for (int row = 0; row < y; ++row) {
    if (row > 0 && !take(s, ",")) return body_verdict::bad_dimensions;
    if (!take(s, "[")) return body_verdict::bad_dimensions;
    for (int col = 0; col < x; ++col) {
      if (col > 0 && !take(s, ",")) return body_verdict::bad_dimensions;
      if (s.starts_with("]")) return body_verdict::bad_dimensions;
      if (auto v = take_number(s); v != body_verdict::ok) return v;
    }
    if (!take(s, "]")) return body_verdict::bad_dimensions;
  }
  if (!take(s, "]")) return body_verdict::bad_dimensions;
  if (s != tail) return body_verdict::bad_envelope;
  return body_verdict::ok;
}

std::string_view to_string(body_verdict verdict) {
  switch (verdict) {
    case body_verdict::ok: return "ok";
    case body_verdict::bad_envelope: return "bad envelope";
    case body_verdict::bad_signature: return "bad signature";
    case body_verdict::bad_dimensions: return "wrong dimensions";
    case body_verdict::bad_number: return "not a number";
    case body_verdict::out_of_range: return "value outside [0,1)";
  }
  return "?";
}

}  // namespace lc::harness
