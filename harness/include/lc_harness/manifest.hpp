#pragma once
#include <string>
#include <vector>

namespace lc::harness {

struct scenario_entry {
  int number = 0;
  std::string executable;
  std::string kind;  // "thread" or "process"
  bool process_kind() const { return kind == "process"; }
};

// Lines `number|executable|kind`; '#' starts a comment. A missing file reads as empty.
std::vector<scenario_entry> read_manifest(const std::string& path);

}  // namespace lc::harness
