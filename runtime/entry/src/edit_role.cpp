#include "edit_role.hpp"

#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "lc/command_response.hpp"
#include "lc/file_io.hpp"

extern char** environ;

namespace lc::detail {

namespace {

namespace fs = std::filesystem;

struct temporary_file {
  fs::path name;
  ~temporary_file() {
    std::error_code ignored;
    fs::remove(name, ignored);
  }
};

timespec modified(const fs::path& name) {
  struct stat s {};
  if (::stat(name.c_str(), &s) != 0) return {};
  return s.st_mtim;
}

// Runs the editor on the file, on this process's terminal. Nothing, or why it failed.
std::optional<Faulted> run_editor(const std::string& editor, const fs::path& name) {
  std::string file = name.native();
  std::string program = editor;
  char* argv[] = {program.data(), file.data(), nullptr};
  pid_t pid = -1;
  if (int error = ::posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv, environ); error != 0)
    return Faulted("cannot run editor \"" + editor + "\"", std::strerror(error));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return Faulted("cannot wait for editor \"" + editor + "\"", std::strerror(errno));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
  auto how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                               : "signal " + std::to_string(WTERMSIG(status));
  return Faulted("editor \"" + editor + "\" failed", how);
}

}  // namespace

message edit_role(const home_role& role, const settings_schema& schema, void* settings) {
  recover_settings(role, schema, settings, {});  // the stored file must be sound before it is edited
  auto text = read_file(settings_file(role)).value_or("");
  std::string pattern = (fs::temp_directory_path() / "lc-edit-role-XXXXXX").native();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Faulted("cannot update settings", std::strerror(errno));
  ::close(fd);
  temporary_file copy{pattern};
  replace_file(copy.name, text);
  auto before = modified(copy.name);

  const char* chosen = std::getenv("LC_EDITOR");
  std::string editor = chosen != nullptr && *chosen != '\0' ? chosen : "vi";
  if (auto failed = run_editor(editor, copy.name)) return std::move(*failed);
  auto after = modified(copy.name);
  if (after.tv_sec == before.tv_sec && after.tv_nsec == before.tv_nsec) return Faulted("settings not modified");

  std::vector<std::string> names;
  try {
    names = recover_settings_file(copy.name, schema, settings, {});
  } catch (const file_error& e) {
    return Faulted("cannot update settings", e.what());
  }
  if (schema.validate)
    if (auto refused = schema.validate(settings)) return Faulted("cannot update settings", refused->to_string());
  store_settings(role, schema, settings, names);
  return CommandResponse{"edit-role", names_note(names)};
}

}  // namespace lc::detail
