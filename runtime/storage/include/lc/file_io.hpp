#pragma once
// What File and Folder stand on: whole files read and replaced without ever leaving a torn one.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lc {

// A file that cannot be stored, recovered, removed or listed; the text names it, e.g.
// `cannot store "/p/customers.json" (No space left on device)`.
struct file_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace detail {

// `cannot <doing> "<absolute path>" (<reason>)`
file_error file_failure(std::string_view doing, const std::filesystem::path& name, std::string_view reason);

// The bytes go to a new file beside `name`, are flushed to the disk, then renamed over `name`, so
// `name` holds the old bytes or the new ones, whenever the process or the machine stops.
// Throws file_error; nothing new is left behind then.
void replace_file(const std::filesystem::path& name, std::string_view bytes);

// The whole file, or nothing when it does not exist. Throws file_error when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& name);

// false when there was nothing to remove. Throws file_error.
bool remove_file(const std::filesystem::path& name);

}  // namespace detail
}  // namespace lc
