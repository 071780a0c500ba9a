#pragma once
// A value kept in a file, as the reference's File keeps it: JSON of {"value": <value>}, laid out
// as json.dumps(sort_keys=True, indent=4) does (or compact), in "<name>.json".
//
//   lc::File<std::map<std::int64_t, customer>> customers("customers", {.create_default = true});
//   auto table = customers.recover();   // {} the first time
//   customers.store(table);             // the old file or the new, never half of one
#include <filesystem>
#include <string>
#include <utility>

#include "lc/codec.hpp"
#include "lc/file_io.hpp"
#include "lc/pretty_json.hpp"

namespace lc {

struct file_options {
  bool create_default = false;  // recover() of a missing file is T{} rather than file_error
  bool pretty_format = true;
  bool decorate_names = true;   // "<name>.json"; a name ending in "." is taken as it is, less the dot
};

template <portable T>
class File {
 public:
  explicit File(std::filesystem::path name, file_options options = {})
      : name_(std::move(name)), options_(options) {}

  void store(const T& value) const { detail::replace_file(full_name(), text(value)); }

  // The bytes store(value) writes.
  std::string text(const T& value) const {
    std::string text;
    try {
      text = encode(value);
    } catch (const codec_error& e) {
      throw detail::file_failure("store", full_name(), e.what());
    }
    if (options_.pretty_format) text = detail::pretty_json(text, 4, detail::key_order::sorted);
    return text;
  }

  // A file that exists but is not a T (or is one its validate() refuses) is file_error, never T{}.
  T recover() const {
    auto name = full_name();
    auto text = detail::read_file(name);
    if (!text) {
      if (options_.create_default) return T{};
      throw detail::file_failure("recover", name, "No such file or directory");
    }
    T value;
    try {
      value = decode<T>(*text);
    } catch (const codec_error& e) {
      throw detail::file_failure("recover", name, e.what());
    }
    if constexpr (self_validating<T>) {
      if (auto refusal = validate(value)) throw detail::file_failure("recover", name, refusal->to_string());
    }
    return value;
  }

  std::filesystem::path full_name() const {
    if (!options_.decorate_names) return name_;
    const auto& text = name_.native();
    if (!text.empty() && text.back() == '.') return text.substr(0, text.size() - 1);
    return text + ".json";
  }

  // false when there was no file.
  bool remove() const { return detail::remove_file(full_name()); }

 private:
  std::filesystem::path name_;
  file_options options_;
};

}  // namespace lc
