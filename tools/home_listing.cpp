#include "home_listing.hpp"

#include <algorithm>

#include "lc/file.hpp"
#include "lc/folder.hpp"

namespace lc::tools {

std::optional<home_roles> open_home(const std::filesystem::path& home, bool grouping, bool sub_roles) {
  std::error_code ec;
  std::filesystem::directory_iterator entries(home / "role", ec);
  if (ec) return std::nullopt;
  home_roles roles;
  for (const auto& entry : entries) {
    auto name = entry.path().filename().string();
    if (name.find('.') != std::string::npos && !sub_roles) continue;
    if (name.starts_with("group") && !grouping) continue;
    try {
      roles[name] = Folder(entry.path()).file<std::string>("executable_file").recover();
    } catch (const file_error&) {
      return std::nullopt;
    }
  }
  return roles;
}

std::vector<std::regex> compile_searches(const std::vector<std::string>& searches) {
  std::vector<std::regex> compiled;
  for (const auto& s : searches) compiled.emplace_back(s);
  return compiled;
}

void keep_matching(home_roles& roles, const std::vector<std::regex>& searches) {
  std::erase_if(roles, [&](const auto& role) {
    return std::none_of(searches.begin(), searches.end(), [&](const std::regex& r) {
      return std::regex_search(role.first, r, std::regex_constants::match_continuous);
    });
  });
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : separator) + w;
  return text;
}

}  // namespace lc::tools
