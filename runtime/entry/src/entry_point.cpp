#include "lc/entry_point.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <iostream>

#include "daemon.hpp"
#include "entry_output.hpp"
#include "home_paths.hpp"
#include "memory_policy.hpp"
#include "role_flags.hpp"
#include "lc/command_response.hpp"
#include "lc/file_io.hpp"
#include "lc/log.hpp"

namespace lc {

namespace {

command_line& flags_of_process() {
  static command_line flags;
  return flags;
}

std::atomic<bool> entry_started{false};

bool named(const std::vector<std::string>& args, std::initializer_list<std::string_view> names) {
  for (const auto& arg : args) {
    std::string_view name(arg);
    name = name.substr(0, name.find('='));
    for (auto n : names)
      if (name == n) return true;
  }
  return false;
}

// A child dies with its parent (issue 5): the kernel kills it when the parent goes, and a parent
// that died before this line ran is caught by comparing getppid() with the pid it passed us.
std::optional<Faulted> tie_to_parent(const command_line& flags) {
  if (!flags.child_process && !flags.parent_pid) return std::nullopt;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (flags.parent_pid && ::getppid() != static_cast<pid_t>(*flags.parent_pid))
    return Faulted("parent process has gone", "pid " + std::to_string(*flags.parent_pid));
  return std::nullopt;
}

}  // namespace

const command_line& process_flags() { return flags_of_process(); }

namespace detail {

bool entry_point_started() { return entry_started; }

int run_entry(int argc, char** argv, const settings_schema& schema, void* settings, const void* defaults,
              const std::function<message()>& run_main_object) {
  apply_memory_policy();
  auto program = program_name(argc > 0 ? argv[0] : "");
  std::vector<std::string> args(argv + std::min(argc, 1), argv + std::max(argc, 0));
  command_line& flags = flags_of_process();
  std::vector<std::string> given;
  try {
    decode_arguments(args, flags, schema, settings, &given);
  } catch (const settings_error& e) {
    return print_bad_arguments(e.what(), named(args, {"--full-output", "--full_output", "-fo"}),
                               named(args, {"--child-process", "--child_process", "-cp"}), program,
                               std::cout, std::cerr);
  }
  record_home_paths(flags);
  entry_started = true;
  if (flags.help) {
    print_help(program, schema, defaults, std::cout);
    return 0;
  }
  if (flags.dump_types) {
    print_types(std::cout);
    return 0;
  }
  if (flags.debug_level) {
    const char* name = boost::describe::enum_to_string(*flags.debug_level, "NONE");
    set_log_level(parse_log_level(name).value_or(log_level::NONE));
  }
  if (auto orphaned = tie_to_parent(flags)) return print_result(*orphaned, flags, program, std::cout, std::cerr);
  bool role_command = flags.create_role || flags.update_role || flags.dump_role || flags.factory_reset ||
                      flags.delete_role || flags.edit_role;
  if (flags.origin == process_origin::START && !role_command) {  // before the role's lock: a fork loses it
    print_result(message(CommandResponse{"background-daemon", std::nullopt}), flags, program, std::cout, std::cerr);
    std::cout.flush();
    if (auto failed = become_daemon()) return print_result(*failed, flags, program, std::cout, std::cerr);
  }
  auto role = apply_role_flags(flags, program, schema, settings, given);
  if (role.printed) {
    std::cout << *role.printed << '\n' << std::flush;
    return 0;
  }
  if (role.result) return print_result(*role.result, flags, program, std::cout, std::cerr);

  message result;
  try {
    result = run_main_object();
  } catch (const std::exception& e) {
    result = Faulted("object faulted", "unhandled exception (" + std::string(e.what()) + ")");
  }
  if (role.running_in) {
    try {
      record_stop(*role.running_in, result);
    } catch (const lc::file_error& e) {
      std::cerr << program << ": the role's stop was not recorded (" << e.what() << ")\n";
    }
  }
  int code = print_result(result, flags, program, std::cout, std::cerr);
  remove_tmp_folder();
  if (threads_abandoned()) {  // a thread is still busy: leave without joining it
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(code);
  }
  return code;
}

}  // namespace detail
}  // namespace lc
