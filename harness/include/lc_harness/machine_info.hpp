#pragma once
#include <string>

namespace lc::harness {

struct machine_info {
  std::string cpu_model;
  unsigned cores = 0;
  std::string kernel;
  std::string hostname;
  std::string governor;  // cpu0's cpufreq scaling governor; empty when not readable
};

machine_info describe_machine();

}  // namespace lc::harness
