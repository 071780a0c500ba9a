#pragma once
#include <chrono>
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

}  // namespace lc::harness
