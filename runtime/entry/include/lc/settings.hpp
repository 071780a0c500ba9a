#pragma once
// Settings: the members of a described struct, with their defaults, are a process's settings.
// They are read from `--name=value` arguments (reference §7.1) and written back as a child's
// command line (§6.2). The standard flags every process accepts are `command_line`.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lc/settings_schema.hpp"
#include "lc/messages.hpp"

namespace lc {

// An argument problem, with the reference's text: `unknown arguments (z)`,
// `cannot decode value for "ratio" (no transform int/Float8)` ...
struct settings_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class process_origin { SHELL, RUN, RUN_CHILD, START, START_CHILD };
BOOST_DESCRIBE_ENUM(process_origin, SHELL, RUN, RUN_CHILD, START, START_CHILD)
inline std::string_view enum_label(process_origin) { return "ProcessOrigin"; }

enum class scope_of_directory { WAN, LAN, HOST, GROUP, PROCESS, LIBRARY };
BOOST_DESCRIBE_ENUM(scope_of_directory, WAN, LAN, HOST, GROUP, PROCESS, LIBRARY)
inline std::string_view enum_label(scope_of_directory) { return "ScopeOfDirectory"; }

// The log levels of --debug-level, lowest first.
enum class user_log { DEBUG, TRACE, OBJECT, CONSOLE, WARNING, FAULT, NONE };
BOOST_DESCRIBE_ENUM(user_log, DEBUG, TRACE, OBJECT, CONSOLE, WARNING, FAULT, NONE)
inline std::string_view enum_label(user_log) { return "USER_LOG"; }

// The standard flags, in the reference's order (it decides short-form ambiguities such as -dr).
// Only some act here (see entry_point.hpp); the rest are accepted so a Python parent can start us.
struct command_line {
  process_origin origin = process_origin::SHELL;
  bool child_process = false;
  bool full_output = false;
  std::optional<user_log> debug_level;
  std::optional<std::string> home_path;
  std::optional<std::string> role_name;
  std::optional<std::string> resource_path;
  std::optional<std::string> model_path;
  bool help = false;
  bool create_role = false;
  bool update_role = false;
  bool factory_reset = false;
  bool dump_role = false;
  bool edit_role = false;
  bool delete_role = false;
  std::optional<std::string> role_file;
  bool dump_types = false;
  std::optional<std::string> output_file;
  bool keep_logs = false;
  std::optional<scope_of_directory> directory_scope;
  std::optional<HostPort> connect_to_directory;
  std::optional<HostPort> accept_directories_at;
  bool encrypted_process = false;
  // Ours: the pid of the parent that started this child; the child exits when it is gone.
  std::optional<std::int64_t> parent_pid;
};
BOOST_DESCRIBE_STRUCT(command_line, (),
                      (origin, child_process, full_output, debug_level, home_path, role_name, resource_path,
                       model_path, help, create_role, update_role, factory_reset, dump_role, edit_role,
                       delete_role, role_file, dump_types, output_file, keep_logs, directory_scope,
                       connect_to_directory, accept_directories_at, encrypted_process, parent_pid))

namespace detail {
// Splits args (argv without argv[0]) and decodes them: standard flags first, then the user's.
// Throws settings_error. `user` may be null with an empty schema (a main without settings).
// `given`, when not null, gets the names of the user's settings the arguments set, in order.
void decode_arguments(const std::vector<std::string>& args, command_line& standard,
                      const settings_schema& user_schema, void* user, std::vector<std::string>* given = nullptr);
std::vector<std::string> encode_arguments(const settings_schema& schema, const void* settings);
}  // namespace detail

// argv (without argv[0]) -> the standard flags and S. Throws settings_error.
template <class S>
S decode_settings(const std::vector<std::string>& args, command_line& standard) {
  S settings{};
  detail::decode_arguments(args, standard, detail::schema_of<S>(), &settings);
  return settings;
}

// One value as a child's argument text (§6.2): strings and enums raw, bools true/false, the rest
// JSON with ", " and ": "; nothing for an empty optional (None).
template <class T>
std::optional<std::string> encode_setting(const T& value) {
  return detail::encode_setting_value(value);
}

// S -> `--server-address={"host": "127.0.0.1", "port": 5050}` ..., one per member that is not None.
// Works for command_line too.
template <class S>
std::vector<std::string> encode_settings(const S& settings) {
  return detail::encode_arguments(detail::schema_of<S>(), &settings);
}

}  // namespace lc
