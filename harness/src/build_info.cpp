#include "lc_harness/build_info.hpp"

#include "lc_harness_commit.hpp"  // generated at build time: LC_HARNESS_COMMIT

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
