#include "lc_harness/build_info.hpp"

namespace lc::harness {

build_info describe_build() {
#if defined(__clang__)
  const std::string compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
  const std::string compiler = "gcc " __VERSION__;
#else
  const std::string compiler = "unknown";
#endif
  return {LC_HARNESS_COMMIT, LC_HARNESS_BUILD_TYPE, compiler};
}

}  // namespace lc::harness
