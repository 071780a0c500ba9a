#pragma once
// A ReForm compiled once per listener, matched against whole request URIs on the network threads.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/regex.hpp>

#include "lc/re_form.hpp"

namespace lc::detail {

using form_entries = std::map<std::string, std::optional<std::string>>;

struct compiled_form {
  boost::regex search;
  std::vector<std::string> names;
};

// Throws std::invalid_argument saying what is wrong with the form.
compiled_form compile_form(const ReForm& form);
// What each field matched, or nothing when the whole URI does not match. Throws
// std::runtime_error when matching is too costly (Boost.Regex's complexity limit).
std::optional<form_entries> match_form(const compiled_form& form, std::string_view uri);

}  // namespace lc::detail
