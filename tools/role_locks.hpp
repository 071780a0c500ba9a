#pragma once
// Which roles of a home run now: a role's process holds the lock on <role>/lock/head for as long
// as it runs (the reference's head lock) and says who it is in head.json.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "home_listing.hpp"

namespace lc::tools {

struct role_holder {
  std::int64_t pid = 0;         // 0 when head.json does not say
  std::int64_t parent_pid = 0;  // the group-cake that runs the role, when it runs in one
};

// Tests the locks without taking them, so a role starting meanwhile is not locked out.
std::map<std::string, role_holder> running_roles(const std::filesystem::path& home, const home_roles& roles);

}  // namespace lc::tools
