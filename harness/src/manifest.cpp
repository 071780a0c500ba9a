#include "lc_harness/manifest.hpp"

#include <fstream>
#include <sstream>

namespace lc::harness {

std::vector<scenario_entry> read_manifest(const std::string& path) {
  std::vector<scenario_entry> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    scenario_entry e;
    std::string number;
    if (!std::getline(row, number, '|') || !std::getline(row, e.executable, '|') || !std::getline(row, e.kind))
      throw std::runtime_error(path + ": malformed line: " + line);
    e.number = std::stoi(number);
    out.push_back(e);
  }
  return out;
}

}  // namespace lc::harness
