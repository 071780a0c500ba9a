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
double load_average();   // 1-minute
std::string now_text();  // local time, ISO 8601

}  // namespace lc::harness
