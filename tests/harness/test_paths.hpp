#pragma once
#include "lc_harness/server_process.hpp"

#include <string>

namespace lc::harness::test {

inline std::string bin(const std::string& name) { return std::string(LC_TEST_BIN_DIR) + "/" + name; }
inline server_command command_for(const std::string& name) { return {bin(name), "", {}}; }

}  // namespace lc::harness::test
