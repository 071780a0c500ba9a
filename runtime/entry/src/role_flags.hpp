#pragma once
// The reference's role flags, acted on before the main object runs: --create-role,
// --update-role, --dump-role, --factory-reset and --delete-role do their work instead of it, and
// a process started in a role (--origin other than SHELL) runs with the role's stored settings,
// under the command line's, and keeps its files in the role's folders.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "home_role.hpp"

namespace lc::detail {

struct role_outcome {
  std::optional<message> result;       // a role flag did the work: print this
  std::optional<std::string> printed;  // --dump-role: the stored settings, laid out
  std::optional<home_role> running_in; // the main object runs in this role
};

// `given`: the settings the command line set (they win over stored ones).
role_outcome apply_role_flags(const command_line& flags, std::string_view program, const settings_schema& schema,
                              void* settings, const std::vector<std::string>& given);

}  // namespace lc::detail
