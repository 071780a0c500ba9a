#include "memory_policy.hpp"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <thread>

namespace lc::detail {

void apply_memory_policy() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::string_view(tunables).find("glibc.malloc.") != std::string_view::npos) return;
  ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  ::mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
  ::mallopt(M_ARENA_MAX, static_cast<int>(std::max(4u, 2 * std::thread::hardware_concurrency())));
}

}  // namespace lc::detail
