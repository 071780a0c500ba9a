#pragma once
// A process started in the background (--origin=START, as `layer-cake start` runs group-cake)
// leaves its parent as the reference's does: two forks and a new session, so it is nobody's child
// and no terminal's, with its standard streams on /dev/null (it keeps logs in its role).
#include <optional>

#include "lc/faulted.hpp"

namespace lc::detail {

// Returns in the daemon only; the Faulted when a fork fails.
std::optional<Faulted> become_daemon();

}  // namespace lc::detail
