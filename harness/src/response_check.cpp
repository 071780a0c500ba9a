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

bool digit(const char* p, const char* end) { return p != end && *p >= '0' && *p <= '9'; }

const char* take_digits(const char* p, const char* end) {
  if (!digit(p, end)) return nullptr;
  while (digit(p, end)) ++p;
  return p;
}

// Python repr forms that are in [0,1) by their shape alone: 0, 0.ddd, d[.ddd]e-dd. Anything
// else is converted and compared; this keeps validating 10,000 values cheaper than producing them.
const char* take_unit_float(const char* p, const char* end) {
  if (p == end) return nullptr;
  if (*p == '0') {
    ++p;
    if (p != end && *p == '.') p = take_digits(p + 1, end);
    if (!p || (p != end && (*p == 'e' || *p == 'E' || *p == '.' || digit(p, end)))) return nullptr;
    return p;
  }
  if (*p < '1' || *p > '9') return nullptr;
  ++p;
  if (p != end && *p == '.' && !(p = take_digits(p + 1, end))) return nullptr;
  if (p == end || *p != 'e' || ++p == end || *p != '-') return nullptr;
  const char* exponent = p + 1;
  p = take_digits(exponent, end);
  if (!p || (p != end && (*p == '.' || *p == 'e' || *p == 'E'))) return nullptr;
  if (std::string_view(exponent, static_cast<std::size_t>(p - exponent)).find_first_not_of('0') == std::string_view::npos)
    return nullptr;
  return p;
}

body_verdict take_number(std::string_view& s) {
  if (const char* fast = take_unit_float(s.data(), s.data() + s.size())) {
    s.remove_prefix(static_cast<std::size_t>(fast - s.data()));
    return body_verdict::ok;
  }
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
