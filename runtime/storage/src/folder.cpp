#include "lc/folder.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include <boost/regex.hpp>

namespace lc {

namespace fs = std::filesystem;

struct Folder::name_pattern {
  boost::regex re;
};

Folder::Folder(fs::path path, folder_options options) : path_(std::move(path)), options_(std::move(options)) {
  if (options_.re) {
    try {
      pattern_ = std::make_shared<const name_pattern>(name_pattern{boost::regex(*options_.re)});
    } catch (const boost::regex_error& e) {
      throw std::invalid_argument("bad file name pattern \"" + *options_.re + "\" (" + e.what() + ")");
    }
  }
  if (!options_.auto_create) return;
  std::error_code error;
  fs::create_directories(path_, error);
  if (error) throw detail::file_failure("create", path_, error.message());
}

Folder Folder::folder(const std::string& name) const {
  return Folder(path_ / entry_name(name), {.re = std::nullopt, .auto_create = options_.auto_create});
}

std::vector<std::string> Folder::matching() const {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(path_, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;
    const auto& file = it->path();
    if (file.extension() != ".json" || !it->is_regular_file(ignored)) continue;
    auto name = file.stem().native();
    if (pattern_ && !boost::regex_match(name, pattern_->re)) continue;
    names.push_back(std::move(name));
  }
  if (error) throw detail::file_failure("list", path_, error.message());
  std::sort(names.begin(), names.end());
  return names;
}

bool Folder::erase(const std::string& name) const {
  auto entry = path_ / entry_name(name);
  std::error_code error;
  if (fs::is_regular_file(entry.native() + ".json", error)) return detail::remove_file(entry.native() + ".json");
  if (!fs::is_directory(entry, error)) return false;
  fs::remove_all(entry, error);
  if (error) throw detail::file_failure("remove", entry, error.message());
  return true;
}

const std::string& Folder::entry_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw std::invalid_argument("\"" + name + "\" is not a name in a folder");
  return name;
}

}  // namespace lc
