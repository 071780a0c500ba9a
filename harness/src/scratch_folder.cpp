#include "lc_harness/scratch_folder.hpp"

#include <stdlib.h>

#include <vector>

namespace lc::harness {

scratch_folder::scratch_folder(const std::string& prefix) {
  std::string name = "/tmp/" + prefix + "-XXXXXX";
  std::vector<char> text(name.begin(), name.end());
  text.push_back('\0');
  if (::mkdtemp(text.data())) path_ = text.data();
}

scratch_folder::~scratch_folder() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

}  // namespace lc::harness
