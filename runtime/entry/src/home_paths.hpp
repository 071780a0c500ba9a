#pragma once
// The entry point records the home folders' paths once the command line is decoded.
#include "home_role.hpp"
#include "lc/settings.hpp"

namespace lc::detail {

void record_home_paths(const command_line& flags);
// A process running in a role keeps its files there: the role's model folder (unless
// --model-path), the executable's resource folder (unless --resource-path), and the role's tmp
// folder, emptied now and kept at exit. Throws file_error.
void use_role_folders(const home_role& role, const command_line& flags);
// Removes the folder tmp_folder() made, if this process made one.
void remove_tmp_folder();

}  // namespace lc::detail
