#pragma once
// The fuzz targets' entry point and their invariant check. A broken invariant aborts, so that
// libFuzzer saves the input and the release replay fails the ctest case.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fuzz {

[[noreturn]] inline void broken(const char* what, const char* file, int line, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n%s\n", file, line, what, detail.c_str());
  std::abort();
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz

#define FUZZ_CHECK(condition, detail) \
  ((condition) ? void() : ::fuzz::broken(#condition, __FILE__, __LINE__, (detail)))
