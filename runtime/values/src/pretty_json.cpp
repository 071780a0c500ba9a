#include "lc/pretty_json.hpp"

#include <algorithm>
#include <vector>

namespace lc::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// Index just past the string literal starting at text[i] == '"'.
std::size_t string_end(std::string_view text, std::size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '"') return i + 1;
  }
  return text.size();
}

unsigned hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return 0;
}

// The code points of a string literal (quotes included in `literal`): escapes read as JSON reads
// them (a surrogate pair is one code point), UTF-8 decoded.
std::u32string key_text(std::string_view literal) {
  std::u32string key;
  auto unit = [&](std::size_t at) {
    unsigned code = 0;
    for (std::size_t k = at; k < at + 4 && k < literal.size(); ++k) code = code * 16 + hex_digit(literal[k]);
    return code;
  };
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    auto c = static_cast<unsigned char>(literal[i]);
    if (c >= 0xC0) {
      int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      char32_t code = c & (0x3F >> extra);
      for (; extra > 0 && i + 1 < literal.size() - 1; --extra) code = (code << 6) | (literal[++i] & 0x3F);
      key += code;
      continue;
    }
    if (c != '\\') {
      key += static_cast<char32_t>(c);
      continue;
    }
    char e = literal[++i];
    switch (e) {
      case 'n': key += U'\n'; break;
      case 'r': key += U'\r'; break;
      case 't': key += U'\t'; break;
      case 'b': key += U'\b'; break;
      case 'f': key += U'\f'; break;
      case 'u': {
        unsigned code = unit(i + 1);
        i += 4;
        if (code >= 0xD800 && code < 0xDC00 && i + 6 < literal.size() && literal[i + 1] == '\\' &&
            literal[i + 2] == 'u') {
          unsigned low = unit(i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        key += static_cast<char32_t>(code);
        break;
      }
      default: key += static_cast<char32_t>(static_cast<unsigned char>(e));
    }
  }
  return key;
}

// Compact JSON again, every object's members in key order; other tokens are copied as they are.
class key_sorter {
 public:
  explicit key_sorter(std::string_view text) : text_(text) {}

  std::string value() {
    i_ = skip_space(text_, i_);
    if (i_ >= text_.size()) return {};
    char c = text_[i_];
    if (c == '{') return object();
    if (c == '[') return array();
    auto start = i_;
    if (c == '"') i_ = string_end(text_, i_);
    else
      while (i_ < text_.size() && !is_space(text_[i_]) && std::string_view(",:]}").find(text_[i_]) == std::string_view::npos)
        ++i_;
    if (i_ == start) ++i_;  // stray punctuation: dropped, so that malformed text still ends
    return std::string(text_.substr(start, i_ - start));
  }

 private:
  struct member {
    std::u32string key;
    std::string text;  // "key":value
  };

  bool next_is(char c) {
    i_ = skip_space(text_, i_);
    if (i_ < text_.size() && text_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  std::string object() {
    ++i_;
    std::vector<member> members;
    while (i_ < text_.size() && !next_is('}')) {
      i_ = skip_space(text_, i_);
      auto start = i_;
      i_ = string_end(text_, i_);
      auto literal = text_.substr(start, i_ - start);
      next_is(':');
      members.push_back({key_text(literal), std::string(literal) + ':' + value()});
      next_is(',');
    }
    std::stable_sort(members.begin(), members.end(), [](const member& a, const member& b) { return a.key < b.key; });
    std::string out = "{";
    for (const auto& m : members) {
      if (out.size() > 1) out += ',';
      out += m.text;
    }
    return out + '}';
  }

  std::string array() {
    ++i_;
    std::string out = "[";
    while (i_ < text_.size() && !next_is(']')) {
      if (out.size() > 1) out += ',';
      out += value();
      next_is(',');
    }
    return out + ']';
  }

  std::string_view text_;
  std::size_t i_ = 0;
};

}  // namespace

std::string pretty_json(std::string_view compact, int indent, key_order keys) {
  if (keys == key_order::sorted) return pretty_json(key_sorter(compact).value(), indent);
  std::string out;
  out.reserve(compact.size() + compact.size() / 2);
  int depth = 0;
  auto new_line = [&] {
    out += '\n';
    if (depth > 0) out.append(static_cast<std::size_t>(depth * indent), ' ');
  };
  for (std::size_t i = skip_space(compact, 0); i < compact.size(); i = skip_space(compact, i)) {
    char c = compact[i];
    if (c == '"') {
      auto end = string_end(compact, i);
      out.append(compact, i, end - i);
      i = end;
    } else if (c == '[' || c == '{') {
      auto next = skip_space(compact, i + 1);
      char close = c == '[' ? ']' : '}';
      if (next < compact.size() && compact[next] == close) {
        out += c;
        out += close;
        i = next + 1;
        continue;
      }
      out += c;
      ++depth;
      if (indent >= 0) new_line();
      i = next;
    } else if (c == ']' || c == '}') {
      --depth;
      if (indent >= 0) new_line();
      out += c;
      ++i;
    } else if (c == ',') {
      out += ',';
      if (indent >= 0) new_line(); else out += ' ';
      ++i;
    } else if (c == ':') {
      out += ": ";
      ++i;
    } else {
      auto start = i;
      while (i < compact.size() && !is_space(compact[i]) &&
             std::string_view(",:]}").find(compact[i]) == std::string_view::npos)
        ++i;
      out.append(compact, start, i - start);
    }
  }
  return out;
}

}  // namespace lc::detail
