#pragma once
// --edit-role: the role's settings copied to a temporary file and opened in $LC_EDITOR (else vi);
// what the editor saves becomes the role's settings once it decodes and validates.
#include "home_role.hpp"

namespace lc::detail {

// CommandResponse edit-role with the names now stored, or the Faulted saying why nothing changed
// ("settings not modified" when the editor left the file as it was). Throws file_error for the
// role's own files.
message edit_role(const home_role& role, const settings_schema& schema, void* settings);

}  // namespace lc::detail
