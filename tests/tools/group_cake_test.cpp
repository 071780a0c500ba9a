// group-cake runs the roles of a home as child processes, with their stored settings, restarts
// them per --retry, ends with --main-role's value or every role's, and leaves no role running.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "home_processes.hpp"

namespace {

using namespace std::chrono_literals;
using entry_test::child;
using entry_test::run_child;

class group_cake : public tools_test::home_test {
 protected:
  void add(const std::string& program, const std::string& role, std::vector<std::string> settings = {}) {
    settings.insert(settings.end(), {"--create-role", "--home-path=" + home_.string(), "--role-name=" + role});
    auto made = run_child(program, settings);
    ASSERT_EQ(made.code, 0) << made.err;
  }
  std::vector<std::string> in_home(std::vector<std::string> args) const {
    args.push_back("--home-path=" + home_.string());
    args.push_back("--origin=RUN");
    return args;
  }
  std::size_t roles_running(pid_t except = -1) const { return running_in_home(except); }
  bool roles_reach(std::size_t count, pid_t except) const {
    return tools_test::eventually([&] { return roles_running(except) == count; });
  }
  std::size_t starts_of(const std::string& role) const {
    std::ifstream file(home_ / "role" / role / "start_stop.json");
    std::string text((std::istreambuf_iterator<char>(file)), {});
    std::size_t count = 0;
    for (auto at = text.find("\"start\""); at != std::string::npos; at = text.find("\"start\"", at + 1)) ++count;
    return count;
  }
};

TEST_F(group_cake, runs_the_roles_a_search_matches_with_their_stored_settings_and_returns_their_values_by_role) {
  ASSERT_NO_FATAL_FAILURE(add("entry_echo", "echo-1", {"--x=7"}));
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter"));
  auto r = run_child("group-cake", in_home({"echo"}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"echo-1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"x\": 7"), std::string::npos) << "the role's stored settings were not used:\n" << r.out;
  EXPECT_EQ(r.out.find("waiter"), std::string::npos) << "a role the search does not match was run:\n" << r.out;
}

TEST_F(group_cake, a_main_role_ends_the_run_with_its_value_and_the_other_roles_are_stopped) {
  ASSERT_NO_FATAL_FAILURE(add("entry_echo", "echo", {"--x=9"}));
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter"));
  auto r = run_child("group-cake", in_home({"--main-role=echo"}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(R"(\"x\":9)"), std::string::npos) << "not the main role's value:\n" << r.out;
  EXPECT_EQ(r.out.find("waiter"), std::string::npos) << "not the main role's value alone:\n" << r.out;
  EXPECT_EQ(roles_running(), 0u) << "a role outlived group-cake";
}

TEST_F(group_cake, restarts_a_role_that_ends_per_retry_until_its_step_limit) {
  ASSERT_NO_FATAL_FAILURE(add("entry_echo", "echo"));
  auto r = run_child("group-cake", in_home({R"(--retry={"regular_steps": 0.05, "step_limit": 3})"}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(starts_of("echo"), 3u) << "one run and the two restarts a step_limit of 3 gives";
}

TEST_F(group_cake, sigint_stops_every_role_and_leaves_none_running) {
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter-1"));
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter-2"));
  child group("group-cake", in_home({}));
  ASSERT_TRUE(roles_reach(2, group.pid())) << roles_running(group.pid()) << " roles running";
  ::kill(group.pid(), SIGINT);
  auto r = group.finish(10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("aborted"), std::string::npos) << r.err;
  EXPECT_EQ(roles_running(), 0u) << "a role outlived group-cake";
}

TEST_F(group_cake, roles_end_when_group_cake_is_killed) {
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter-1"));
  ASSERT_NO_FATAL_FAILURE(add("entry_wait", "waiter-2"));
  child group("group-cake", in_home({}));
  ASSERT_TRUE(roles_reach(2, group.pid())) << roles_running(group.pid()) << " roles running";
  ::kill(group.pid(), SIGKILL);
  group.finish(10s);
  EXPECT_TRUE(roles_reach(0, -1)) << roles_running() << " roles outlived a killed group-cake";
}

TEST_F(group_cake, a_search_that_matches_no_role_and_a_missing_home_are_clear_errors) {
  ASSERT_NO_FATAL_FAILURE(add("entry_echo", "echo"));
  auto none = run_child("group-cake", in_home({"zz"}));
  EXPECT_NE(none.code, 0);
  EXPECT_NE(none.err.find("No roles matching \"zz\""), std::string::npos) << none.err;
  auto bad = run_child("group-cake", in_home({"("}));
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("cannot compile search \"(\""), std::string::npos) << bad.err;
  auto missing = run_child("group-cake", {"--home-path=" + (home_ / "nowhere").string()});
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("cannot open path"), std::string::npos) << missing.err;
}

// A role of the Python original's has a .py executable, which the reference runs with the
// interpreter; this stand-in prints the arguments it was given as its value.
TEST_F(group_cake, a_python_role_runs_through_the_interpreter_with_the_role_flags) {
  auto folder = home_ / "role" / "py";
  std::filesystem::create_directories(folder);
  auto script = home_ / "role.py";
  std::ofstream(script) << "import json, sys\n"
                           "print(json.dumps({'value': ['unicode', ' '.join(sys.argv[1:]), []]}))\n";
  std::ofstream(folder / "executable_file.json") << "{\"value\": \"" << script.native() << "\"}";
  auto r = run_child("group-cake", in_home({}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("--role-name=py"), std::string::npos) << "not run with its role:\n" << r.out << r.err;
}

// tests/golden/roles/group-settings.json: the reference's group_cake.py --create-role with these
// arguments (--home-path=/tmp/pyh --role-name=group), run with Debian's python3.
TEST_F(group_cake, create_role_stores_retry_and_main_role_as_the_reference_does) {
  auto made = run_child("group-cake", {"--create-role", "--home-path=" + home_.string(), "--role-name=group",
                                       R"(--retry={"regular_steps": 0.05, "step_limit": 2})", "--main-role=echo-2"});
  ASSERT_EQ(made.code, 0) << made.err;
  auto text = [](const std::filesystem::path& name) {
    std::ifstream file(name);
    return std::string((std::istreambuf_iterator<char>(file)), {});
  };
  EXPECT_EQ(text(home_ / "role" / "group" / "settings.json"),
            text(std::filesystem::path(LC_GOLDEN_DIR) / "roles" / "group-settings.json"));
}

}  // namespace
