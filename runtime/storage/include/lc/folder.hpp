#pragma once
// A folder of files, as the reference's Folder: files and sub-folders by name, the names of the
// .json files in it, and a map kept one file per entry (the key is the file name).
//
//   lc::Folder customers(lc::model_folder().folder("customers"));
//   auto all = customers.recover_all<customer>();   // {"bobby": ..., ...}
//   customers.store_all(all);                       // files of keys no longer there are removed
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lc/file.hpp"

namespace lc {

struct folder_options {
  std::optional<std::string> re;  // matching() keeps the names (without ".json") that match it whole
  bool auto_create = true;        // create_directories when constructed
};

class Folder {
 public:
  // Throws file_error when auto_create cannot create it, std::invalid_argument for a bad `re`.
  explicit Folder(std::filesystem::path path = ".", folder_options options = {});

  const std::filesystem::path& path() const { return path_; }
  // The sub-folder `name`, created as this one was; the pattern is not passed on.
  Folder folder(const std::string& name) const;

  template <portable T>
  File<T> file(const std::string& name, file_options options = {}) const {
    return File<T>(path_ / name, options);
  }

  // The regular files named "<name>.json" (hidden ones too), as the names, sorted. Throws file_error.
  std::vector<std::string> matching() const;

  template <portable T>
  std::map<std::string, T> recover_all() const {
    std::map<std::string, T> values;
    for (const auto& name : matching()) values.emplace(name, file<T>(name).recover());
    return values;
  }

  // Every entry to "<key>.json"; matching files of keys not in `values` are erased.
  template <portable T>
  void store_all(const std::map<std::string, T>& values) const {
    for (const auto& entry : values) entry_name(entry.first);
    auto before = matching();
    for (const auto& [name, value] : values) file<T>(name).store(value);
    for (const auto& name : before)
      if (!values.contains(name)) erase(name);
  }

  // Removes "<name>.json", or else the sub-folder `name` with all in it; false when neither is there.
  bool erase(const std::string& name) const;

 private:
  struct name_pattern;
  // `name` as one entry of this folder: std::invalid_argument for "", ".", ".." or a name with '/'.
  static const std::string& entry_name(const std::string& name);

  std::filesystem::path path_;
  folder_options options_;
  std::shared_ptr<const name_pattern> pattern_;
};

}  // namespace lc
