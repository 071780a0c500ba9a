#include "python_json.hpp"

#include <charconv>
#include <limits>
#include <cstdio>
#include <string>

#include "lc/message.hpp"

namespace lc::detail {
namespace {

constexpr int max_depth = 900;

class python_reader {
 public:
  python_reader(std::string_view text, boost::json::storage_ptr storage)
      : text_(text), storage_(std::move(storage)) {}

  boost::json::value document() {
    check_utf8();
    std::size_t at = skip_space(0);
    boost::json::value result = value(at, 0);
    at = skip_space(at);
    if (at != text_.size()) fail("Extra data", at);
    return result;
  }

 private:
  std::string_view text_;
  boost::json::storage_ptr storage_;

  // Python counts characters, not bytes: positions are converted on the way out.
  [[noreturn]] void fail(const char* what, std::size_t at) const {
    std::size_t chars = 0, line = 1, line_start_chars = 0;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
      auto c = static_cast<unsigned char>(text_[i]);
      if ((c & 0xC0) == 0x80) continue;
      ++chars;
      if (c == '\n') { ++line; line_start_chars = chars; }
    }
    char tail[96];
    std::snprintf(tail, sizeof tail, ": line %zu column %zu (char %zu)", line, chars - line_start_chars + 1, chars);
    throw codec_error(std::string(what) + tail);
  }

  void check_utf8() const {
    for (std::size_t i = 0; i < text_.size();) {
      auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x80) { ++i; continue; }
      int extra = (c & 0xE0) == 0xC0 && c >= 0xC2 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 3 : -1;
      const char* reason = "invalid start byte";
      if (extra > 0) {
        int k = 1;
        for (; k <= extra && i + k < text_.size(); ++k)
          if ((static_cast<unsigned char>(text_[i + k]) & 0xC0) != 0x80) break;
        if (k > extra) { i += extra + 1; continue; }
        reason = i + k >= text_.size() ? "unexpected end of data" : "invalid continuation byte";
      }
      char message[128];
      std::snprintf(message, sizeof message, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c, i, reason);
      throw codec_error(message);
    }
  }

  std::size_t skip_space(std::size_t at) const {
    while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r')) ++at;
    return at;
  }

  bool starts(std::size_t at, std::string_view word) const { return text_.substr(at, word.size()) == word; }

  boost::json::value value(std::size_t& at, int depth) {
    if (at >= text_.size()) fail("Expecting value", at);
    switch (text_[at]) {
      case '"': return boost::json::value(string(at), storage_);
      case '{': return object(at, depth + 1);
      case '[': return array(at, depth + 1);
      case 'n': if (starts(at, "null")) { at += 4; return boost::json::value(nullptr, storage_); } break;
      case 't': if (starts(at, "true")) { at += 4; return boost::json::value(true, storage_); } break;
      case 'f': if (starts(at, "false")) { at += 5; return boost::json::value(false, storage_); } break;
      case 'N': if (starts(at, "NaN")) { at += 3; return boost::json::value(std::numeric_limits<double>::quiet_NaN(), storage_); } break;
      case 'I': if (starts(at, "Infinity")) { at += 8; return boost::json::value(std::numeric_limits<double>::infinity(), storage_); } break;
      case '-': if (starts(at, "-Infinity")) { at += 9; return boost::json::value(-std::numeric_limits<double>::infinity(), storage_); } break;
    }
    return number(at);
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  boost::json::value number(std::size_t& at) {
    std::size_t start = at, i = at, n = text_.size();
    if (i < n && text_[i] == '-') ++i;
    if (i < n && text_[i] >= '1' && text_[i] <= '9') { while (i < n && digit(text_[i])) ++i; }
    else if (i < n && text_[i] == '0') ++i;
    else fail("Expecting value", start);
    bool is_float = false;
    if (i + 1 < n && text_[i] == '.' && digit(text_[i + 1])) {
      is_float = true;
      i += 2;
      while (i < n && digit(text_[i])) ++i;
    }
    if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
      std::size_t e = i + 1;
      if (e < n && (text_[e] == '+' || text_[e] == '-')) ++e;
      if (e < n && digit(text_[e])) {
        while (e < n && digit(text_[e])) ++e;
        i = e;
        is_float = true;
      }
    }
    at = i;
    const char* first = text_.data() + start;
    const char* last = text_.data() + i;
    if (!is_float) {
      std::int64_t v;
      if (std::from_chars(first, last, v).ec == std::errc{}) return boost::json::value(v, storage_);
      std::uint64_t u;
      if (std::from_chars(first, last, u).ec == std::errc{}) return boost::json::value(u, storage_);
    }
    double d = 0;
    if (std::from_chars(first, last, d).ec == std::errc::result_out_of_range) {
      auto exponent = std::string_view(first, last - first).find_first_of("eE");
      bool tiny = exponent != std::string_view::npos && first[exponent + 1] == '-';
      d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
      if (*first == '-') d = -d;
    }
    return boost::json::value(d, storage_);
  }

  static void append_utf8(unsigned code, std::string& out) {
    if (code < 0x80) { out += static_cast<char>(code); return; }
    if (code < 0x800) { out += static_cast<char>(0xC0 | code >> 6); }
    else if (code < 0x10000) { out += static_cast<char>(0xE0 | code >> 12); out += static_cast<char>(0x80 | (code >> 6 & 0x3F)); }
    else {
      out += static_cast<char>(0xF0 | code >> 18);
      out += static_cast<char>(0x80 | (code >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
    }
    out += static_cast<char>(0x80 | (code & 0x3F));
  }

  bool hex4(std::size_t at, unsigned& code) const {
    code = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = text_[k];
      unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
      if (d == 16) return false;
      code = code << 4 | d;
    }
    return true;
  }

  // at: the opening quote; leaves at after the closing quote.
  std::string string(std::size_t& at) {
    std::size_t begin = at, next = at + 1, n = text_.size();
    std::string out;
    for (;;) {
      std::size_t run = next;
      while (next < n && text_[next] != '"' && text_[next] != '\\') {
        if (static_cast<unsigned char>(text_[next]) <= 0x1F) fail("Invalid control character at", next);
        ++next;
      }
      if (next == n) fail("Unterminated string starting at", begin);
      out.append(text_, run, next - run);
      if (text_[next] == '"') { at = next + 1; return out; }
      if (++next == n) fail("Unterminated string starting at", begin);
      char c = text_[next];
      if (c != 'u') {
        switch (c) {
          case '"': case '\\': case '/': out += c; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          default: fail("Invalid \\escape", next - 1);
        }
        ++next;
        continue;
      }
      std::size_t u = next;
      unsigned code;
      if (u + 5 >= n || !hex4(u + 1, code)) fail("Invalid \\uXXXX escape", u);
      next = u + 5;
      if (code >= 0xD800 && code <= 0xDBFF && next + 6 < n &&
          text_[next] == '\\' && text_[next + 1] == 'u') {
        unsigned low;
        if (!hex4(next + 2, low)) fail("Invalid \\uXXXX escape", next + 1);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          next += 6;
        }
      }
      append_utf8(code, out);
    }
  }

  boost::json::value object(std::size_t& at, int depth) {
    if (depth > max_depth) fail("maximum nesting depth exceeded", at);
    boost::json::object result(storage_);
    std::size_t i = skip_space(at + 1);
    if (i < text_.size() && text_[i] == '}') { at = i + 1; return result; }
    for (;;) {
      if (i >= text_.size() || text_[i] != '"') fail("Expecting property name enclosed in double quotes", i);
      std::string key = string(i);
      i = skip_space(i);
      if (i >= text_.size() || text_[i] != ':') fail("Expecting ':' delimiter", i);
      i = skip_space(i + 1);
      result.insert_or_assign(key, value(i, depth));
      i = skip_space(i);
      if (i < text_.size() && text_[i] == '}') { at = i + 1; return result; }
      if (i >= text_.size() || text_[i] != ',') fail("Expecting ',' delimiter", i);
      i = skip_space(i + 1);
    }
  }

  boost::json::value array(std::size_t& at, int depth) {
    if (depth > max_depth) fail("maximum nesting depth exceeded", at);
    boost::json::array result(storage_);
    std::size_t i = skip_space(at + 1);
    if (i < text_.size() && text_[i] == ']') { at = i + 1; return result; }
    for (;;) {
      result.push_back(value(i, depth));
      i = skip_space(i);
      if (i < text_.size() && text_[i] == ']') { at = i + 1; return result; }
      if (i >= text_.size() || text_[i] != ',') fail("Expecting ',' delimiter", i);
      i = skip_space(i + 1);
    }
  }
};

}  // namespace

boost::json::value parse_python_json(std::string_view text, boost::json::storage_ptr storage) {
  return python_reader(text, std::move(storage)).document();
}

}  // namespace lc::detail
