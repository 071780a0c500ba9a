#pragma once
// A role in a home, laid out as the reference lays one out, so either side's roles run the other's
// executables: <home>/role/<name>/ holds unique_id, settings, start_stop, log_storage and
// executable_file (each "<name>.json" as File stores it) and the folders model, tmp, logs, lock;
// <home>/resource/<executable>/ is the executable's resource folder.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lc/message.hpp"
#include "lc/settings.hpp"

namespace lc::detail {

struct home_role {
  std::filesystem::path home;
  std::string name;
  std::filesystem::path folder;    // <home>/role/<name>
  std::filesystem::path resource;  // <home>/resource/<program>

  std::filesystem::path model() const { return folder / "model"; }
  std::filesystem::path tmp() const { return folder / "tmp"; }
  std::filesystem::path logs() const { return folder / "logs"; }
};

// --home-path (else ".layer-cake") made absolute, --role-name (else the program's name).
home_role role_of(const command_line& flags, std::string_view program);

bool role_exists(const home_role& role);

// The files and folders of a new role, its settings the fields of `settings` named in `names`.
// Throws file_error.
void create_role(const home_role& role, const std::filesystem::path& executable, const settings_schema& schema,
                 const void* settings, const std::vector<std::string>& names);

// The names in the role's settings file; the fields among them not in `keep` are set from it.
// Throws file_error, naming the file, for one that cannot be read or does not fit the schema.
std::vector<std::string> recover_settings(const home_role& role, const settings_schema& schema, void* settings,
                                          const std::vector<std::string>& keep);

// The same for a file laid out as a role's settings (--edit-role's copy, --role-file), or as
// --dump-role prints them.
std::vector<std::string> recover_settings_file(const std::filesystem::path& name, const settings_schema& schema,
                                               void* settings, const std::vector<std::string>& keep);
std::filesystem::path settings_file(const home_role& role);

// Replaces the role's settings with the fields named in `names`. Throws file_error.
void store_settings(const home_role& role, const settings_schema& schema, const void* settings,
                    const std::vector<std::string>& names);

// The reference's note on a CommandResponse: the names joined by commas, or "empty".
std::string names_note(const std::vector<std::string>& names);

// The settings file's value for those fields, compact: [["x", ["integer8", 7, []]], ...].
std::string settings_json(const settings_schema& schema, const void* settings, const std::vector<std::string>& names);

// The reference's head lock, so one process at a time runs in a role: an exclusive lockf on
// <role>/lock/head (held until the process ends), and who holds it in head.json. A lock one of
// this process's ancestors holds (the reference's `layer-cake run` holds its roles') is held for
// it: nothing is taken and nothing refused. Returns the
// Faulted naming the holder when another process has it. Throws file_error.
std::optional<Faulted> lock_role(const home_role& role);

// log_storage.json: the bytes its rolling logs may take (the reference's 256 MiB when missing).
std::int64_t log_storage_of(const home_role& role);

// Removes the role's folder. Throws file_error.
void delete_role(const home_role& role);

// start_stop.json: a start appended (the last 16 kept), then its stop and what the process returned.
void record_start(const home_role& role);
void record_stop(const home_role& role, const message& returned);

}  // namespace lc::detail
