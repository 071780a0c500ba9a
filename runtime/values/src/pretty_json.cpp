#include "lc/pretty_json.hpp"

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

}  // namespace

std::string pretty_json(std::string_view compact, int indent) {
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
