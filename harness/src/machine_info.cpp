#include "lc_harness/machine_info.hpp"

#include <sys/utsname.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

namespace lc::harness {

machine_info describe_machine() {
  machine_info m;
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("model name")) {
      m.cpu_model = line.substr(line.find(':') + 2);
      break;
    }
  }
  m.cores = std::thread::hardware_concurrency();
  utsname u{};
  if (uname(&u) == 0) {
    m.kernel = std::string(u.sysname) + " " + u.release + " " + u.machine;
    m.hostname = u.nodename;
  }
  std::ifstream("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor") >> m.governor;
  return m;
}

double load_average() {
  double l[1] = {0.0};
  return getloadavg(l, 1) == 1 ? l[0] : 0.0;
}

std::string now_text() {
  const auto t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", std::localtime(&t));
  return buf;
}

}  // namespace lc::harness
