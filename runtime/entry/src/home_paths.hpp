#pragma once
// The entry point records the home folders' paths once the command line is decoded.
#include "lc/settings.hpp"

namespace lc::detail {

void record_home_paths(const command_line& flags);
// Removes the folder tmp_folder() made, if this process made one.
void remove_tmp_folder();

}  // namespace lc::detail
