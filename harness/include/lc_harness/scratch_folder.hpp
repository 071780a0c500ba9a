#pragma once
// A fresh folder under /tmp, removed with everything in it when the object goes. path() is empty
// when the folder could not be made.
#include <filesystem>
#include <string>

namespace lc::harness {

class scratch_folder {
public:
  explicit scratch_folder(const std::string& prefix);
  ~scratch_folder();
  scratch_folder(const scratch_folder&) = delete;
  scratch_folder& operator=(const scratch_folder&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

}  // namespace lc::harness
