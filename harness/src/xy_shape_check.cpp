#include "lc_harness/xy_shape_check.hpp"

#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lc::harness {

namespace {

constexpr std::string_view head = R"({"value":[)";
constexpr std::string_view prefix = R"({"value":["vector<vector<float8>>",[)";
constexpr std::string_view tail = R"(],[]]})";

bool digit(char c) { return c >= '0' && c <= '9'; }
bool number_char(char c) { return digit(c) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'; }

struct row_scan {
  const char* close = nullptr;  // the row's ']'; nullptr when the syntax is wrong or the body ends
  int commas = 0;
};

row_scan scan_scalar(const char* p, const char* end, row_scan r, bool need_digit) {
  for (; p != end; ++p) {
    const char c = *p;
    if (need_digit && !digit(c)) return {};
    need_digit = c == ',';
    if (c == ']') return {p, r.commas};
    if (c == ',') ++r.commas;
    else if (!number_char(c)) return {};
  }
  return {};
}

// From just after a row's '[': finds its ']' and counts the commas before it.
row_scan scan_row(const char* p, const char* end) {
  row_scan r;
  bool need_digit = true;
#if defined(__SSE2__)
  const auto set = [](char c) { return _mm_set1_epi8(c); };
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i d = _mm_sub_epi8(v, set('0'));
    const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(d, set(9)), d);
    // '+' ',' '-' '.' '/' and the digits are 0x2B-0x39: that range without '/', or e or E.
    const __m128i from_plus = _mm_sub_epi8(v, set('+'));
    const __m128i in_range = _mm_andnot_si128(_mm_cmpeq_epi8(v, set('/')), _mm_cmpeq_epi8(_mm_min_epu8(from_plus, set('9' - '+')), from_plus));
    const __m128i ok = _mm_or_si128(in_range, _mm_cmpeq_epi8(_mm_or_si128(v, set(0x20)), set('e')));
    const auto digits = static_cast<std::uint32_t>(_mm_movemask_epi8(is_digit));
    const auto commas = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, set(','))));
    const auto close = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, set(']'))));
    const auto allowed = static_cast<std::uint32_t>(_mm_movemask_epi8(ok));
    const std::uint32_t before = close ? (close & (~close + 1)) - 1 : 0xFFFFu;  // bits before the first ']'
    if ((allowed & before) != before) return {};
    const std::uint32_t starts = (((commas & before) << 1) | (need_digit ? 1u : 0u)) & (before | (before + 1)) & 0xFFFFu;
    if (starts & ~digits) return {};
    for (auto m = commas & before; m; m &= m - 1) ++r.commas;  // about one per block: cheaper than a popcount call
    if (close) return {p + std::countr_zero(close), r.commas};
    need_digit = (commas >> 15) & 1u;
  }
#endif
  return scan_scalar(p, end, r, need_digit);
}

}  // namespace

body_verdict check_xy_shape(std::string_view s, int x, int y) {
  if (!s.starts_with(head)) return body_verdict::bad_envelope;
  if (!s.starts_with(prefix)) return body_verdict::bad_signature;
  const char* p = s.data() + prefix.size();
  const char* end = s.data() + s.size();
  for (int row = 0; row < y; ++row) {
    if (row > 0 && (p == end || *p++ != ',')) return body_verdict::bad_dimensions;
    if (p == end || *p++ != '[') return body_verdict::bad_dimensions;
    if (x == 0) {
      if (p == end || *p++ != ']') return body_verdict::bad_dimensions;
      continue;
    }
    const auto r = scan_row(p, end);
    if (!r.close) return body_verdict::bad_number;
    if (r.commas != x - 1) return body_verdict::bad_dimensions;
    p = r.close + 1;
  }
  if (std::string_view(p, static_cast<std::size_t>(end - p)) != tail)
    return p != end && *p == ',' ? body_verdict::bad_dimensions : body_verdict::bad_envelope;
  return body_verdict::ok;
}

}  // namespace lc::harness
