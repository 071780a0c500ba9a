#include "uri_form_match.hpp"

#include <stdexcept>

namespace lc::detail {

namespace {

std::string substituted(const ReForm& form) {
  const std::string& text = form.form;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += '\\';
      out += c;
      ++i;
    } else if (c == '{') {
      auto close = text.find('}', i);
      if (close == std::string::npos) throw std::invalid_argument("unmatched \"{\" in the URI form");
      std::string name = text.substr(i + 1, close - i - 1);
      auto found = form.entry.find(name);
      if (found == form.entry.end()) throw std::invalid_argument("URI form field \"" + name + "\" has no expression");
      out += "(?<" + name + ">" + found->second + ")";
      i = close;
    } else if (c == '}') {
      throw std::invalid_argument("unmatched \"}\" in the URI form");
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

compiled_form compile_form(const ReForm& form) {
  if (form.form.empty()) throw std::invalid_argument("URI provided with no pattern");
  try {
    return {boost::regex(substituted(form), boost::regex::perl), form.entry_names()};
  } catch (const boost::regex_error& e) {
    throw std::invalid_argument(std::string("URI pattern does not compile, ") + e.what());
  }
}

std::optional<form_entries> match_form(const compiled_form& form, std::string_view uri) {
  boost::match_results<std::string_view::const_iterator> match;
  if (!boost::regex_match(uri.begin(), uri.end(), match, form.search)) return std::nullopt;
  form_entries entries;
  for (const auto& name : form.names) {
    const auto& part = match[name];
    if (part.matched) entries.emplace(name, std::string(part.first, part.second));
    else entries.emplace(name, std::nullopt);
  }
  return entries;
}

}  // namespace lc::detail
