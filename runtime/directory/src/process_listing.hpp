#pragma once
// The process directory's listing, read under its lock: the directory link answers GetDirectory
// with it and adds the sessions it holds.
#include "lc/directory_listing.hpp"

namespace lc::detail {

DirectoryListing process_listing();

}  // namespace lc::detail
