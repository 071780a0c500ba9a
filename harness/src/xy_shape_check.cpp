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

#if defined(__SSE2__)
__m128i splat(char c) { return _mm_set1_epi8(c); }
__m128i load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

__m128i digits_of(__m128i v) {
  const __m128i d = _mm_sub_epi8(v, splat('0'));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, splat(9)), d);
}

// '+' ',' '-' '.' '/' and the digits are 0x2B-0x39: that range without '/', or e or E.
__m128i number_chars_or_commas(__m128i v) {
  const __m128i from_plus = _mm_sub_epi8(v, splat('+'));
  const __m128i in_range =
      _mm_andnot_si128(_mm_cmpeq_epi8(v, splat('/')), _mm_cmpeq_epi8(_mm_min_epu8(from_plus, splat('9' - '+')), from_plus));
  return _mm_or_si128(in_range, _mm_cmpeq_epi8(_mm_or_si128(v, splat(0x20)), splat('e')));
}

int sum_bytes(__m128i counts) {
  const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
  return static_cast<int>(_mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
}

// Blocks of 16 with no ']' in them: branch-free but for that test; what is wrong is OR-ed into
// one vector and the commas are counted bytewise, both looked at once per row.
const char* scan_open_blocks(const char* p, const char* end, row_scan& r, bool& bad) {
  __m128i wrong = _mm_setzero_si128(), counts = _mm_setzero_si128();
  int blocks = 0;
  for (; end - p >= 17; p += 16) {
    const __m128i v = load(p);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, splat(']')))) break;
    const __m128i comma = _mm_cmpeq_epi8(v, splat(','));
    wrong = _mm_or_si128(wrong, _mm_cmpeq_epi8(number_chars_or_commas(v), _mm_setzero_si128()));
    wrong = _mm_or_si128(wrong, _mm_andnot_si128(digits_of(load(p + 1)), comma));  // a value starts after each comma
    counts = _mm_sub_epi8(counts, comma);
    if (++blocks == 255) {
      r.commas += sum_bytes(counts);
      counts = _mm_setzero_si128();
      blocks = 0;
    }
  }
  r.commas += sum_bytes(counts);
  bad = _mm_movemask_epi8(wrong) != 0;
  return p;
}
#endif

// From just after a row's '[': finds its ']' and counts the commas before it.
row_scan scan_row(const char* p, const char* end) {
  if (p == end || !digit(*p)) return {};
  row_scan r;
  bool need_digit = false;  // the first value's digit is checked above, later ones after their comma
#if defined(__SSE2__)
  bool bad = false;
  p = scan_open_blocks(p, end, r, bad);
  if (bad) return {};
  for (; end - p >= 16; p += 16) {
    const __m128i v = load(p);
    const auto digits = static_cast<std::uint32_t>(_mm_movemask_epi8(digits_of(v)));
    const auto commas = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, splat(','))));
    const auto close = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, splat(']'))));
    const auto allowed = static_cast<std::uint32_t>(_mm_movemask_epi8(number_chars_or_commas(v)));
    const std::uint32_t before = close ? (close & (~close + 1)) - 1 : 0xFFFFu;  // bits before the first ']'
    if ((allowed & before) != before) return {};
    const std::uint32_t starts = (((commas & before) << 1) | (need_digit ? 1u : 0u)) & (before | (before + 1)) & 0xFFFFu;
    if (starts & ~digits) return {};
    for (auto m = commas & before; m; m &= m - 1) ++r.commas;
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
