#pragma once
// The fast road for numeric tables (vector<double>, vector<vector<double>> ...): read straight
// from the text into the value, no DOM. It accepts only plain, well-formed input; anything else
// (ints, null, NaN, other members, bad syntax) returns false and the caller takes the general
// road, which gives the reference's exact error texts.
#include <charconv>
#include <string_view>
#include <vector>

namespace lc::detail {

template <class T> struct is_float_table : std::false_type {};
template <> struct is_float_table<std::vector<double>> : std::true_type {};
template <> struct is_float_table<std::vector<float>> : std::true_type {};
template <class T> struct is_float_table<std::vector<std::vector<T>>> : is_float_table<std::vector<T>> {};

class table_reader {
 public:
  explicit table_reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // {"value": <table>} and nothing after it but whitespace.
  template <class T>
  bool read_envelope(T& value) {
    static constexpr std::string_view key = "\"value\"";
    if (!skip('{')) return false;
    space();
    if (static_cast<std::size_t>(end_ - p_) < key.size() || std::string_view(p_, key.size()) != key) return false;
    p_ += key.size();
    if (!skip(':') || !read(value) || !skip('}')) return false;
    space();
    return p_ == end_;
  }

 private:
  const char* p_;
  const char* end_;

  void space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool skip(char c) {
    space();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // from_chars finds the number's end; the text it took must then be JSON's float grammar (a
  // fraction or an exponent is required: `1` is not a float8; no ".5", "1.", "01", "inf").
  template <class F>
  bool read_number(F& value) {
    space();
    auto [q, ec] = std::from_chars(p_, end_, value);
    if (ec != std::errc{}) return false;
    const char* c = p_;
    if (*c == '-') ++c;
    if (c == q || !digit(*c)) return false;
    if (*c == '0') ++c;
    else while (c < q && digit(*c)) ++c;
    if (c == q || (*c != '.' && *c != 'e' && *c != 'E')) return false;  // an integer, or "01"
    // from_chars took only digits, one '.', and an exponent with digits: once a digit follows the
    // '.', or an exponent follows the integer part, the rest is valid JSON.
    if (*c == '.' && (c + 1 == q || !digit(c[1]))) return false;
    p_ = q;
    return true;
  }

  std::size_t row_size_ = 0;  // tables are rectangular: the last row's size is a good guess

  template <class T>
  bool read(T& value) {
    if (!skip('[')) return false;
    value.clear();
    if constexpr (std::is_floating_point_v<typename T::value_type>) value.reserve(row_size_);
    space();
    if (p_ < end_ && *p_ == ']') { ++p_; return true; }
    for (;;) {
      if constexpr (std::is_floating_point_v<typename T::value_type>) {
        typename T::value_type v;
        if (!read_number(v)) return false;
        value.push_back(v);
      } else {
        value.emplace_back();
        if (!read(value.back())) return false;
      }
      space();
      if (p_ == end_) return false;
      if (*p_ == ']') {
        ++p_;
        if constexpr (std::is_floating_point_v<typename T::value_type>) row_size_ = value.size();
        return true;
      }
      if (*p_++ != ',') return false;
    }
  }
};

}  // namespace lc::detail
