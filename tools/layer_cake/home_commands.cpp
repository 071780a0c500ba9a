// create, add, list, update, delete, destroy: the home and its roles.
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <set>

#include "commands.hpp"
#include "role_locks.hpp"

namespace lc::tools {

namespace fs = std::filesystem;

namespace {

struct add_flags {
  std::optional<std::int64_t> role_count;
  std::int64_t role_start = 0;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &add_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(add_flags, (), (role_count, role_start))

struct delete_flags {
  bool all_roles = false;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &delete_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(delete_flags, (), (all_roles))

const char* incomplete = "does not exist or contains unexpected/incomplete materials";

// The reference's figures for a folder: folders/files/bytes below it.
std::string manifest(const fs::path& folder) {
  std::uintmax_t folders = 0, files = 0, bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator i(folder, ec), end; !ec && i != end; i.increment(ec)) {
    if (i->is_directory(ec)) ++folders;
    else if (i->is_regular_file(ec)) ++files, bytes += i->file_size(ec);
  }
  return std::to_string(folders) + "/" + std::to_string(files) + "/" + std::to_string(bytes);
}

// Runs a program on this terminal (an editor needs it) and returns its exit code, or -1.
int run_on_terminal(std::vector<std::string> argv) {
  std::vector<char*> pointers;
  for (auto& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawn(&pid, pointers[0], nullptr, nullptr, pointers.data(), environ) != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

message create(channel& self, const command_input& in) {
  auto flags = flags_of<only_remainder>(in);
  auto home = home_path(in.words, 0);
  auto cannot = "cannot create " + in_quotes(home.string());
  std::error_code ec;
  if (fs::is_regular_file(home, ec)) return Faulted(cannot, "existing file");
  if (fs::is_directory(home, ec)) return Faulted(cannot, "existing folder");
  auto group = find_program(group_executable);
  if (!group) return Faulted(cannot, std::string(group_executable) + " not found beside layer-cake or on PATH");
  self.console("create (home_path=" + home.string() + ")");
  for (const char* folder : {"script", "resource", "role", "departures", "arrivals"}) {
    if (!fs::create_directories(home / folder, ec) && ec) {
      fs::remove_all(home, ec);
      return Faulted(cannot, ec.message());
    }
  }
  auto args = std::vector<std::string>{"--origin=RUN", "--create-role"};
  args.insert(args.end(), flags.remainder.begin(), flags.remainder.end());
  auto made = role_command(self, fs::absolute(*group).string(), home, group_role, args, cannot);
  if (made) fs::remove_all(home, ec);  // no half-made home is left behind
  return made;
}

message add(channel& self, const command_input& in) {
  auto flags = flags_of<add_flags>(in);
  auto executable = word_at(in.words, 0);
  if (executable.empty()) return Faulted("cannot add role", "no module specified");
  auto role = word_at(in.words, 1);
  if (role.empty()) role = process_flags().role_name.value_or(fs::path(executable).stem().string());
  if (role.empty()) return Faulted("cannot add role", "no role specified");
  auto home = home_path();
  auto cannot = "cannot add " + in_quotes(role);
  if (role.starts_with(group_role)) return Faulted(cannot, "reserved name");
  auto roles = open_home(home);
  if (!roles) return Faulted(cannot, "home path " + in_quotes(home.string()) + " " + incomplete);
  std::vector<std::string> names{role};
  if (flags.role_count) {
    if (*flags.role_count < 1 || *flags.role_count > 1000)
      return Faulted(cannot, "expecting role_count in the range 1...1000");
    names.clear();
    for (auto i = flags.role_start; i < flags.role_start + *flags.role_count; ++i)
      names.push_back(role + "-" + std::to_string(i));
  }
  std::vector<std::string> collisions;
  for (const auto& n : names)
    if (roles->contains(n)) collisions.push_back(n);
  if (!collisions.empty()) return Faulted(cannot, "collision of roles " + in_quotes(joined(collisions, ",")));
  auto program = find_program(executable);
  if (!program) return Faulted(cannot, "executable " + in_quotes(executable) + " not found");
  self.console("add (executable=" + executable + ", role_name=" + role + ", home_path=" + home.string() + ")");
  auto args = std::vector<std::string>{"--origin=RUN", "--create-role"};
  args.insert(args.end(), flags.remainder.begin(), flags.remainder.end());
  for (const auto& n : names)
    if (auto refused = role_command(self, fs::absolute(*program).string(), home, n, args, cannot)) return refused;
  return {};
}

message list(channel& self, const command_input& in) {
  auto flags = flags_of<listing_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto home = home_path();
  home_roles roles;
  if (auto refused = select_roles(home, in.words, flags.group_role, flags.sub_roles, roles)) return refused;
  self.console("list (search=" + joined(in.words, ",") + ", home_path=" + home.string() + ")");
  for (const auto& [name, executable] : roles) {
    if (flags.long_listing)
      std::cout << std::left << std::setw(24) << name << ' ' << executable << ' ' << manifest(home / "role" / name) << '\n';
    else
      std::cout << name << '\n';
  }
  return {};
}

message update(channel& self, const command_input& in) {
  auto flags = flags_of<only_remainder>(in);
  auto home = home_path();
  auto cannot = "cannot update " + in_quotes(home.string());
  home_roles roles;
  if (auto refused = select_roles(home, in.words, true, true, roles)) return refused;
  self.console("update (roles=" + names_of(roles) + ", home_path=" + home.string() + ")");
  auto args = std::vector<std::string>{"--origin=RUN", "--update-role"};
  args.insert(args.end(), flags.remainder.begin(), flags.remainder.end());
  for (const auto& [name, executable] : roles)
    if (auto refused = role_command(self, executable, home, name, args, cannot)) return refused;
  return {};
}

message delete_roles(channel& self, const command_input& in) {
  auto flags = flags_of<delete_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto home = home_path();
  auto cannot = "cannot delete from " + in_quotes(home.string());
  home_roles roles;
  if (!in.words.empty()) {
    if (auto refused = select_roles(home, in.words, false, false, roles)) return refused;
  } else if (flags.all_roles) {
    auto opened = open_home(home);
    if (!opened) return Faulted(cannot, incomplete);
    roles = std::move(*opened);
  } else {
    return Faulted(cannot, "no roles specified, use --all_roles?");
  }
  self.console("delete (search=" + joined(in.words, ",") + ", home_path=" + home.string() + ")");
  home_roles everything;  // the roles and their sub-roles ("name.child"), readable or not
  std::error_code listed;
  for (const auto& entry : fs::directory_iterator(home / "role", listed)) {
    auto name = entry.path().filename().string();
    if (!name.starts_with(group_role) && roles.contains(name.substr(0, name.find('.')))) everything[name] = "";
  }
  if (auto running = running_roles(home, everything); !running.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, holder] : running) names.push_back(name);
    return Faulted(cannot, "roles " + in_quotes(joined(names, ",")) + " are currently running");
  }
  for (const auto& [name, executable] : everything) {
    std::error_code ec;
    fs::remove_all(home / "role" / name, ec);
    if (ec) return Faulted(cannot, ec.message());
  }
  return {};
}

message edit(channel& self, const command_input& in) {
  auto flags = flags_of<only_remainder>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto role = word_at(in.words, 0);
  if (role.empty()) role = process_flags().role_name.value_or("");
  auto home = home_path(in.words, 1);
  if (role.empty()) return Faulted("cannot edit " + in_quotes(home.string()), "no role specified");
  auto cannot = "cannot edit " + in_quotes(role);
  auto roles = open_home(home, true, true);
  if (!roles) return Faulted(cannot, incomplete);
  if (running_roles(home, *roles).contains(role)) return Faulted(cannot, "role is running");
  auto found = roles->find(role);
  if (found == roles->end()) return Faulted(cannot, "does not exist");
  self.console("edit (role_name=" + role + ", home_path=" + home.string() + ")");
  std::vector<std::string> argv{found->second};
  if (found->second.ends_with(".py")) {  // as ProcessObject runs a role of the Python original's
    const char* python = std::getenv("LC_PYTHON");
    argv.insert(argv.begin(), find_program(python ? python : "python3").value_or("python3"));
  }
  argv.insert(argv.end(), {"--edit-role", "--home-path=" + home.string(), "--role-name=" + role});
  // The role's executable runs the editor ($LC_EDITOR) on the settings and stores what it saved.
  int code = run_on_terminal(argv);
  if (code != 0) return Faulted(cannot, argv.front() + " --edit-role exited with " + std::to_string(code));
  return {};
}

message destroy(channel& self, const command_input& in) {
  auto flags = flags_of<only_remainder>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto home = home_path(in.words, 0);
  auto cannot = "cannot destroy " + in_quotes(home.string());
  std::error_code ec;
  if (fs::is_regular_file(home, ec)) return Faulted(cannot, "existing file");
  if (!fs::is_directory(home, ec)) return Faulted(cannot, "not a folder");
  auto roles = open_home(home, true, true);
  if (!roles) return Faulted(cannot, incomplete);
  self.console("destroy (home_path=" + home.string() + ")");
  if (auto running = running_roles(home, *roles); !running.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, holder] : running) names.push_back(name);
    return Faulted(cannot, "running roles " + in_quotes(joined(names, ",")));
  }
  fs::remove_all(home, ec);
  if (ec) return Faulted(cannot, ec.message());
  return {};
}

}  // namespace lc::tools
