#include "role_flags.hpp"

#include <algorithm>

#include "edit_role.hpp"
#include "home_paths.hpp"
#include "lc/command_response.hpp"
#include "lc/log.hpp"
#include "lc/file_io.hpp"
#include "lc/pretty_json.hpp"
#include "rolling_log.hpp"

namespace lc::detail {

namespace {

namespace fs = std::filesystem;

role_outcome answer(message result) { return role_outcome{std::move(result), std::nullopt, std::nullopt}; }

role_outcome done(std::string command, std::optional<std::string> note = std::nullopt) {
  return answer(message(CommandResponse{std::move(command), std::move(note)}));
}

fs::path this_executable() {
  std::error_code ignored;
  return fs::read_symlink("/proc/self/exe", ignored);
}

// --role-file: settings from a file laid out as a role's, under the command line's.
std::optional<message> use_role_file(const std::string& name, const settings_schema& schema, void* settings,
                                     const std::vector<std::string>& given) {
  try {
    recover_settings_file(name, schema, settings, given);
  } catch (const file_error& e) {
    return message(Faulted("cannot use role file \"" + name + "\"", e.what()));
  }
  if (schema.validate)
    if (auto refused = schema.validate(settings))
      return message(Faulted("settings of role file \"" + name + "\" refused", refused->to_string()));
  return std::nullopt;
}

// The log lines of a process that keeps logs, for as long as it runs.
void keep_logs(const home_role& role, const command_line& flags) {
  // Never destroyed: a thread abandoned at exit may still log while statics are torn down.
  static auto* logs = new rolling_log(role.logs(), rolling_log::files_for_storage(log_storage_of(role)));
  log_to(logs);
  if (!flags.debug_level) set_log_level(log_level::DEBUG);  // as the reference, every line
}

bool keeps_logs(const command_line& flags) {
  return flags.keep_logs || flags.origin == process_origin::START || flags.origin == process_origin::START_CHILD;
}

// From the shell (--keep-logs) the command line's settings are the process's; else the role's
// stored ones under them.
role_outcome run_in(const home_role& role, const command_line& flags, const settings_schema& schema, void* settings,
                    const std::vector<std::string>& given) {
  if (auto running = lock_role(role)) return answer(message(std::move(*running)));
  if (flags.origin != process_origin::SHELL) recover_settings(role, schema, settings, given);
  if (schema.validate)
    if (auto refused = schema.validate(settings))
      return answer(message(Faulted("settings of role \"" + role.name + "\" refused", refused->to_string())));
  use_role_folders(role, flags);
  record_start(role);
  if (keeps_logs(flags)) keep_logs(role, flags);
  return role_outcome{std::nullopt, std::nullopt, role};
}

}  // namespace

role_outcome apply_role_flags(const command_line& flags, std::string_view program, const settings_schema& schema,
                              void* settings, const std::vector<std::string>& given) {
  bool command = flags.create_role || flags.update_role || flags.dump_role || flags.factory_reset ||
                 flags.delete_role || flags.edit_role;
  if (flags.role_file)
    if (auto refused = use_role_file(*flags.role_file, schema, settings, given)) return answer(std::move(*refused));
  if (!command && flags.origin == process_origin::SHELL && !flags.keep_logs) return {};
  auto role = role_of(flags, program);
  auto place = "\"" + role.folder.native() + "\"";
  try {
    if (flags.create_role) {
      if (role_exists(role)) return answer(message(Faulted("cannot create " + place, "already exists")));
      create_role(role, this_executable(), schema, settings, given);
      return done("create-role", names_note(given));
    }
    if (!role_exists(role)) {
      if (command) return answer(message(Faulted("no settings available " + place)));
      if (!keeps_logs(flags)) return {};  // started in a role that was never created: as from the shell
      create_role(role, this_executable(), schema, settings, given);  // logs need a role, as in the reference
    }
    bool modifies = flags.factory_reset || flags.update_role || flags.edit_role || flags.delete_role;
    if (modifies)  // not under a running process; the lock is held until this one exits
      if (auto running = lock_role(role)) return answer(message(std::move(*running)));
    if (flags.factory_reset) {
      store_settings(role, schema, settings, {});
      return done("factory-reset");
    }
    if (flags.dump_role) {
      auto names = recover_settings(role, schema, settings, {});
      return role_outcome{std::nullopt, pretty_json(settings_json(schema, settings, names), 4), std::nullopt};
    }
    if (flags.update_role) {
      auto names = recover_settings(role, schema, settings, given);
      for (const auto& g : given)
        if (std::find(names.begin(), names.end(), g) == names.end()) names.push_back(g);
      store_settings(role, schema, settings, names);
      return done("update-role", names_note(names));
    }
    if (flags.edit_role) return answer(edit_role(role, schema, settings));
    if (flags.delete_role) {
      delete_role(role);
      return done("delete-role");
    }
    return run_in(role, flags, schema, settings, given);
  } catch (const file_error& e) {
    return answer(message(Faulted("cannot use role " + place, e.what())));
  }
}

}  // namespace lc::detail
