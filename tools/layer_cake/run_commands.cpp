// run, start, stop, status: the roles of a home run as the children of one group-cake.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include <boost/json.hpp>

#include "commands.hpp"
#include "lc/file_io.hpp"
#include "role_locks.hpp"

namespace lc::tools {

namespace fs = std::filesystem;

namespace {

struct run_flags {
  std::optional<std::string> main_role;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &run_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(run_flags, (), (main_role))

const char* incomplete = "does not exist or unexpected/incomplete materials";

std::string running_names(const std::map<std::string, role_holder>& running) {
  std::vector<std::string> names;
  for (const auto& [name, holder] : running) names.push_back(name);
  return joined(names, ",");
}

// The roles to run: those the searches match, else every role; empty message or the Faulted.
message roles_to_run(const fs::path& home, const std::vector<std::string>& search, const std::string& cannot,
                     home_roles& roles) {
  if (!search.empty()) return select_roles(home, search, false, false, roles);
  auto opened = open_home(home);
  if (!opened) return Faulted(cannot, incomplete);
  roles = std::move(*opened);
  return {};
}

std::vector<std::string> group_arguments(const char* origin, const command_input& in, const run_flags& flags) {
  std::vector<std::string> args{origin};
  args.insert(args.end(), in.words.begin(), in.words.end());
  if (flags.main_role) args.push_back("--main-role=" + *flags.main_role);
  return args;
}

// The start of the last run recorded in a role's start_stop.
std::optional<world_time> last_start(const fs::path& role) {
  try {
    auto runs = records_of(role);
    if (!runs.empty()) return runs.back().start;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// A process whose command line says it runs the group role of a home.
bool is_group_cake(std::int64_t pid) {
  std::string text;
  try {  // a process that ends meanwhile fails the read
    text = lc::detail::read_file("/proc/" + std::to_string(pid) + "/cmdline").value_or("");
  } catch (const std::exception&) {
    return false;
  }
  return text.find(std::string("--role-name=") + group_role + '\0') != std::string::npos;
}

// What run and start check first: the flags, the roles to run, none of them running, and
// group-cake to run them. Empty message with group-cake's path, or the Faulted.
message ready_to_run(channel& self, const command_input& in, const run_flags& flags, const fs::path& home,
                     const char* empty, std::string& group) {
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto cannot = "cannot " + in.name + " " + in_quotes(home.string());
  home_roles roles;
  if (auto refused = roles_to_run(home, in.words, cannot, roles)) return refused;
  if (roles.empty()) return Faulted(cannot, empty);
  self.console(in.name + " (search=" + joined(in.words, ",") + ", home_path=" + home.string() + ")");
  if (auto running = running_roles(home, roles); !running.empty())
    return Faulted(cannot, "roles " + in_quotes(running_names(running)) + " are already running");
  auto found = find_program(group_executable);
  if (!found) return Faulted(cannot, std::string(group_executable) + " not found beside layer-cake or on PATH");
  group = fs::absolute(*found).string();
  return {};
}

}  // namespace

message run(channel& self, const command_input& in) {
  auto flags = flags_of<run_flags>(in);
  auto home = home_path();
  std::string group;
  if (auto refused = ready_to_run(self, in, flags, home, incomplete, group)) return refused;
  self.assign(self.create<ProcessObject>(process_role{group, home.string(), group_role, group_arguments("--origin=RUN", in, flags)}),
              group_role);
  return await_child(self);
}

message start(channel& self, const command_input& in) {
  auto flags = flags_of<run_flags>(in);
  auto home = home_path();
  auto cannot = "cannot start " + in_quotes(home.string());
  std::string group;
  if (auto refused = ready_to_run(self, in, flags, home, "empty", group)) return refused;
  auto group_folder = home / "role" / group_role;
  auto before = last_start(group_folder);
  self.assign(self.create<ProcessObject>(process_role{group, home.string(), group_role, group_arguments("--origin=START", in, flags)}),
              group_role);
  auto answer = await_child(self);
  if (answer.faulted()) return answer;
  if (!answer.get<CommandResponse>()) return Faulted(cannot, "unexpected response from group");
  // Ours: back only once the daemon has taken its role, so `status` and `stop` see it.
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
       std::chrono::steady_clock::now() < deadline;) {
    if (last_start(group_folder) != before) return {};
    if (self.input(0.01)) return Aborted{};  // sampling a file, which has no change notification
  }
  return Faulted(cannot, "group-cake did not start within 10 s (see its log in " + group_folder.string() + "/logs)");
}

message stop(channel& self, const command_input& in) {
  auto flags = flags_of<only_remainder>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto home = home_path();
  auto cannot = "cannot stop " + in_quotes(home.string());
  auto roles = open_home(home, true, false);
  if (!roles) return Faulted(cannot, incomplete);
  if (roles->size() <= 1 && roles->contains(group_role)) return Faulted(cannot, "empty");
  self.console("stop (home_path=" + home.string() + ")");
  auto running = running_roles(home, *roles);
  if (running.empty()) return Faulted(cannot, "nothing running");
  // The group-cake that runs a role is stopped, and it stops its roles; a role run on its own
  // (--keep-logs from a shell) is stopped itself, never the shell it came from.
  std::set<std::int64_t> targets;
  for (const auto& [name, holder] : running) {
    bool in_group = !name.starts_with(group_role) && holder.parent_pid > 1 && is_group_cake(holder.parent_pid);
    auto target = in_group ? holder.parent_pid : holder.pid;
    if (target > 1) targets.insert(target);
  }
  for (auto pid : targets) ::kill(static_cast<pid_t>(pid), SIGINT);
  // Ours: back once they have gone (group-cake gives each role 3 s before SIGKILL).
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
       std::chrono::steady_clock::now() < deadline;) {
    if (running_roles(home, *roles).empty()) return {};
    if (self.input(0.01)) return Aborted{};
  }
  return Faulted(cannot, "roles " + in_quotes(running_names(running_roles(home, *roles))) + " still running after 15 s");
}

message status(channel& self, const command_input& in) {
  auto flags = flags_of<listing_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto home = home_path();
  auto cannot = "cannot query status " + in_quotes(home.string());
  home_roles roles;
  if (auto refused = select_roles(home, in.words, flags.group_role, flags.sub_roles, roles)) return refused;
  if (roles.empty()) return Faulted(cannot, "empty");
  self.console("status (search=" + joined(in.words, ",") + ", home_path=" + home.string() + ")");
  auto running = running_roles(home, roles);
  if (running.empty()) return Faulted(cannot, "nothing running");
  auto now = std::chrono::system_clock::now();
  for (const auto& [name, holder] : running) {
    if (!flags.long_listing) {
      std::cout << name << '\n';
      continue;
    }
    std::string since = "(never started)";
    if (auto began = last_start(home / "role" / name))
      since = short_delta(std::chrono::duration<double>(now - began->utc).count());
    char line[256];
    std::snprintf(line, sizeof line, "%-24s <%lld> %s", name.c_str(), static_cast<long long>(holder.pid), since.c_str());
    std::cout << line << '\n';
  }
  return {};
}

}  // namespace lc::tools
