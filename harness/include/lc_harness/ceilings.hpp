#pragma once
#include <chrono>
#include <cstddef>
#include <string>

namespace lc::harness {

struct ceiling_result {
  std::string name;
  double per_second = 0.0;
  bool available = false;
  std::string note;
};

ceiling_result measure_create_join(std::chrono::milliseconds duration);
// posix_spawn + wait of `executable --x=8 --y=8 --child-process --full-output`, `parallel` at a time.
ceiling_result measure_spawn(const std::string& executable, int parallel, std::chrono::milliseconds duration);

// The REST server's write ceiling: `bytes` written to a temporary file of a fresh folder, fsync,
// renamed over the target, fsync of the folder, repeated for the duration.
ceiling_result measure_store_rename(std::size_t bytes, std::chrono::milliseconds duration);

}  // namespace lc::harness
