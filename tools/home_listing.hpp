#pragma once
// The roles of a home, as the reference's scripts list them: <home>/role/<name>/ with the
// executable its executable_file names. group-cake and layer-cake share it.
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace lc::tools {

using home_roles = std::map<std::string, std::string>;  // role name -> executable

// Without `grouping`, the group's own roles ("group...") are left out; without `sub_roles`,
// the roles of a role's children (names with a dot). Nothing when <home>/role cannot be listed or
// a role's executable_file cannot be read (the reference's "unexpected/incomplete materials").
std::optional<home_roles> open_home(const std::filesystem::path& home, bool grouping = false, bool sub_roles = false);

// Python's re.compile of each search; throws std::regex_error.
std::vector<std::regex> compile_searches(const std::vector<std::string>& searches);

// Keeps the roles whose names a search matches from the start (Python's re.match).
void keep_matching(home_roles& roles, const std::vector<std::regex>& searches);

std::string joined(const std::vector<std::string>& words, const std::string& separator = ", ");

}  // namespace lc::tools
