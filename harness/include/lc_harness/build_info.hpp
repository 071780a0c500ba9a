#pragma once
#include <string>

namespace lc::harness {

// What built this harness: `git describe` at build time, CMAKE_BUILD_TYPE, the compiler.
struct build_info {
  std::string commit;
  std::string build_type;
  std::string compiler;
};

build_info describe_build();

}  // namespace lc::harness
