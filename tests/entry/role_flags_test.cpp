// The reference's role flags on our executables, seen from outside: what --create-role and the
// rest leave in a home, a process started in a role (--origin=RUN) running with its settings, and
// a home the Python original made (tests/golden/roles) used as it is.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "lc/codec.hpp"
#include "lc/command_response.hpp"
#include "lc/uuid.hpp"
#include "programs.hpp"

namespace {

namespace fs = std::filesystem;
using entry_test::child_result;
using entry_test::run_child;

std::string text_of_file(const fs::path& name) {
  std::ifstream in(name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const fs::path python_home = fs::path(LC_GOLDEN_DIR) / "roles" / "python-home";
const std::vector<std::string> echo_arguments = {
    "--x=7", "--ratio=0.25", "--label=abc", "--flag=true", R"(--server-address={"host": "127.0.0.1", "port": 6000})",
    R"(--names=["a", "b"])"};

class role_home : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = fs::temp_directory_path() / "lc-role-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    home_ = pattern;
  }
  void TearDown() override {
    ::unsetenv("LC_EDITOR");
    fs::remove_all(home_);
  }

  child_result run(const std::string& program, std::vector<std::string> args) {
    args.push_back("--home-path=" + home_.native());
    return run_child(program, args);
  }
  fs::path role(const std::string& name) const { return home_ / "role" / name; }

  // entry_echo started in its role, its settings as it decoded them.
  test_entry::echo_settings run_echo_in_role(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--origin=RUN", "--child-process", "--full-output"});
    auto r = run("entry_echo", args);
    EXPECT_EQ(r.code, 0) << r.err;
    auto m = lc::decode_any(r.out);
    auto* settings = m.get<test_entry::echo_settings>();
    if (settings == nullptr) throw std::runtime_error("not echo_settings: " + r.out);
    return *settings;
  }

  void copy_python_home() { fs::copy(python_home, home_, fs::copy_options::recursive); }

  // --edit-role's editor: a shell script given the settings file as $1, run as $LC_EDITOR.
  void use_editor(const std::string& script) {
    auto name = home_ / "editor.sh";
    std::ofstream(name) << "#!/bin/sh\n" << script << "\n";
    fs::permissions(name, fs::perms::owner_all);
    ::setenv("LC_EDITOR", name.c_str(), 1);
  }

  fs::path home_;
};

lc::CommandResponse response_of(const child_result& r) {
  auto m = lc::decode_any(r.out);
  auto* response = m.get<lc::CommandResponse>();
  if (response == nullptr) throw std::runtime_error("not a CommandResponse: " + r.out + r.err);
  return *response;
}

std::vector<std::string> with_full_output(std::vector<std::string> args) {
  args.insert(args.end(), {"--child-process", "--full-output"});
  return args;
}

TEST_F(role_home, create_role_stores_the_given_settings_byte_for_byte_as_the_python_original_does) {
  auto args = echo_arguments;
  args.push_back("--create-role");
  auto r = run("entry_echo", with_full_output(args));
  ASSERT_EQ(r.code, 0) << r.err;
  auto response = response_of(r);
  EXPECT_EQ(response.command, "create-role");
  EXPECT_EQ(response.note, "x,ratio,label,flag,server_address,names");
  auto folder = role("entry_echo");
  auto golden = python_home / "role" / "entry_echo";
  EXPECT_EQ(text_of_file(folder / "settings.json"), text_of_file(golden / "settings.json"));
  EXPECT_EQ(text_of_file(folder / "start_stop.json"), text_of_file(golden / "start_stop.json"));
  EXPECT_EQ(text_of_file(folder / "log_storage.json"), text_of_file(golden / "log_storage.json"));
  EXPECT_EQ(text_of_file(folder / "executable_file.json"),
            "{\n    \"value\": \"" + entry_test::sibling_path("entry_echo") + "\"\n}");
  EXPECT_EQ(lc::decode<lc::uuid>(text_of_file(folder / "unique_id.json")).to_string().size(), 36u);
  for (auto sub : {"model", "tmp", "logs", "lock"}) EXPECT_TRUE(fs::is_directory(folder / sub)) << sub;
  EXPECT_TRUE(fs::is_directory(home_ / "resource" / "entry_echo"));
}

TEST_F(role_home, create_role_refuses_a_role_that_exists_and_leaves_it_as_it_was) {
  ASSERT_EQ(run("entry_echo", {"--create-role", "--x=7"}).code, 0);
  auto before = text_of_file(role("entry_echo") / "unique_id.json");
  auto again = run("entry_echo", {"--create-role", "--x=8"});
  EXPECT_EQ(again.code, 71);
  EXPECT_NE(again.err.find("cannot create \"" + role("entry_echo").native() + "\" (already exists)"), std::string::npos)
      << again.err;
  EXPECT_EQ(text_of_file(role("entry_echo") / "unique_id.json"), before);
  EXPECT_EQ(run_echo_in_role().x, 7);
}

TEST_F(role_home, a_process_started_in_a_python_made_role_runs_with_its_settings_under_the_command_lines) {
  copy_python_home();
  auto settings = run_echo_in_role({"--label=given"});
  EXPECT_EQ(settings.x, 7);
  EXPECT_EQ(settings.ratio, 0.25);
  EXPECT_EQ(settings.label, "given");
  EXPECT_TRUE(settings.flag);
  EXPECT_EQ(settings.server_address.port, 6000);
  EXPECT_EQ(settings.names, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(settings.count.has_value());
}

TEST_F(role_home, each_run_in_a_role_records_its_start_stop_and_returned_value) {
  copy_python_home();
  run_echo_in_role();
  run_echo_in_role({"--x=8"});
  auto text = text_of_file(role("entry_echo") / "start_stop.json");
  auto runs = boost::json::parse(text).at("value").as_array();
  ASSERT_EQ(runs.size(), 2u) << text;
  const auto& last = runs[1].as_object();
  EXPECT_EQ(last.at("returned").as_array()[0].as_string(), "test_entry.echo_settings");
  EXPECT_EQ(last.at("returned").as_array()[1].at("x").as_int64(), 8);
  EXPECT_LE(last.at("start").as_string(), last.at("stop").as_string());
}

TEST_F(role_home, dump_role_prints_the_stored_settings_as_the_python_original_does) {
  copy_python_home();
  auto r = run("entry_echo", {"--dump-role", "--origin=RUN"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, text_of_file(fs::path(LC_GOLDEN_DIR) / "roles" / "dump-role.txt"));
}

TEST_F(role_home, update_role_overrides_and_adds_to_the_stored_settings) {
  copy_python_home();
  auto r = run("entry_echo", with_full_output({"--update-role", "--x=9", "--count=3"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(response_of(r).note, "x,ratio,label,flag,server_address,names,count");
  auto settings = run_echo_in_role();
  EXPECT_EQ(settings.x, 9);
  EXPECT_EQ(settings.count, 3);
  EXPECT_EQ(settings.label, "abc");
}

TEST_F(role_home, factory_reset_empties_the_settings_and_delete_role_removes_the_role) {
  copy_python_home();
  auto reset = run("entry_echo", with_full_output({"--factory-reset"}));
  ASSERT_EQ(reset.code, 0) << reset.err;
  EXPECT_EQ(response_of(reset).command, "factory-reset");
  EXPECT_EQ(text_of_file(role("entry_echo") / "settings.json"), "{\n    \"value\": []\n}");
  EXPECT_EQ(run_echo_in_role().x, 1);
  auto gone = run("entry_echo", with_full_output({"--delete-role"}));
  ASSERT_EQ(gone.code, 0) << gone.err;
  EXPECT_EQ(response_of(gone).command, "delete-role");
  EXPECT_FALSE(fs::exists(role("entry_echo")));
}

TEST_F(role_home, a_role_command_on_a_role_that_does_not_exist_fails_naming_it) {
  for (auto flag : {"--update-role", "--dump-role", "--factory-reset", "--delete-role"}) {
    auto r = run("entry_echo", {flag, "--role-name=nobody"});
    EXPECT_EQ(r.code, 71) << flag;
    EXPECT_NE(r.err.find("no settings available \"" + role("nobody").native() + "\""), std::string::npos) << r.err;
  }
}

TEST_F(role_home, a_corrupt_settings_file_is_a_fault_naming_the_file_and_the_process_does_not_run) {
  copy_python_home();
  std::ofstream(role("entry_echo") / "settings.json") << "{\"value\": [[\"x\", [\"integer8\", \"seven\", []]]]}";
  auto r = run("entry_echo", {"--origin=RUN"});
  EXPECT_EQ(r.code, 71);
  EXPECT_NE(r.err.find((role("entry_echo") / "settings.json").native()), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(role_home, a_process_in_a_role_keeps_its_files_in_the_role_and_its_tmp_folder_starts_empty) {
  ASSERT_EQ(run("entry_home", {"--create-role"}).code, 0);
  for (int i = 0; i < 2; ++i) {
    auto r = run("entry_home", with_full_output({"--origin=RUN", "--store-label=true"}));
    ASSERT_EQ(r.code, 0) << r.err;
    auto report = *lc::decode_any(r.out).get<test_entry::home_report>();
    EXPECT_EQ(report.model, (role("entry_home") / "model").native());
    EXPECT_EQ(report.tmp, (role("entry_home") / "tmp").native());
    EXPECT_EQ(report.resource, (home_ / "resource" / "entry_home").native());
    EXPECT_EQ(report.tmp_files_at_start, 0);
  }
  EXPECT_TRUE(fs::exists(role("entry_home") / "model" / "label.json"));
}

TEST_F(role_home, a_second_process_in_a_running_role_is_refused_naming_the_first) {
  using namespace std::chrono_literals;
  ASSERT_EQ(run("entry_wait", {"--create-role"}).code, 0);
  entry_test::child first("entry_wait", {"--origin=RUN", "--home-path=" + home_.native()});
  ASSERT_TRUE(first.wait_for_stderr("ready\n", 10s));
  auto second = run("entry_wait", {"--origin=RUN"});
  EXPECT_EQ(second.code, 71);
  EXPECT_NE(second.err.find("role " + (role("entry_wait") / "lock").native() + " is running"), std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find("by <" + std::to_string(first.pid()) + ">"), std::string::npos) << second.err;
  ::kill(first.pid(), SIGINT);
  EXPECT_EQ(first.finish(10s).code, 71);  // Aborted
  entry_test::child after("entry_wait", {"--origin=RUN", "--home-path=" + home_.native()});
  EXPECT_TRUE(after.wait_for_stderr("ready\n", 10s)) << "the lock outlived its process";
  ::kill(after.pid(), SIGINT);
  after.finish(10s);
}

// The reference's `layer-cake run` locks each role it runs (as head.json below says) and its
// group-cake then starts the roles: a role must run under a lock its ancestor holds.
TEST_F(role_home, a_process_runs_in_a_role_whose_lock_its_ancestor_holds_as_the_reference_layer_cake_run_holds_them) {
  ASSERT_EQ(run("entry_echo", {"--create-role"}).code, 0);
  auto lock = role("entry_echo") / "lock";
  fs::create_directories(lock);
  int fd = ::open((lock / "head").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::lockf(fd, F_TLOCK, 0), 0);
  std::ofstream(lock / "head.json") << R"({"value": {"parent_pid": )" << ::getppid() << R"(, "path": ")"
                                    << (lock / "head").native() << R"(", "pid": )" << ::getpid() << "}}";
  auto r = run("entry_echo", {"--origin=RUN"});
  ::close(fd);
  EXPECT_EQ(r.code, 0) << "refused under its ancestor's lock:\n" << r.err;
}

TEST_F(role_home, a_role_is_not_changed_or_deleted_while_its_process_runs_and_is_after) {
  using namespace std::chrono_literals;
  ASSERT_EQ(run("entry_wait", {"--create-role"}).code, 0);
  auto settings = role("entry_wait") / "settings.json";
  auto before = text_of_file(settings);
  entry_test::child running("entry_wait", {"--origin=RUN", "--home-path=" + home_.native()});
  ASSERT_TRUE(running.wait_for_stderr("ready\n", 10s));
  use_editor(R"(echo '{"value": []}' > "$1")");
  for (auto flag : {"--update-role", "--factory-reset", "--edit-role", "--delete-role"}) {
    auto r = run("entry_wait", {flag});
    EXPECT_EQ(r.code, 71) << flag;
    EXPECT_NE(r.err.find("is running"), std::string::npos) << flag << ": " << r.err;
    EXPECT_EQ(text_of_file(settings), before) << flag;
  }
  EXPECT_EQ(run("entry_wait", {"--dump-role"}).code, 0) << "reading is allowed";
  ::kill(running.pid(), SIGINT);
  running.finish(10s);
  EXPECT_EQ(run("entry_wait", {"--delete-role"}).code, 0);
  EXPECT_FALSE(fs::exists(role("entry_wait")));
}

TEST_F(role_home, role_file_gives_the_settings_of_a_file_as_a_role_or_dump_role_lays_them_out) {
  auto stored = python_home / "role" / "entry_echo" / "settings.json";
  auto r = run("entry_echo", with_full_output({"--role-file=" + stored.native(), "--label=given"}));
  ASSERT_EQ(r.code, 0) << r.err;
  auto settings = *lc::decode_any(r.out).get<test_entry::echo_settings>();
  EXPECT_EQ(settings.x, 7);
  EXPECT_EQ(settings.label, "given");
  EXPECT_EQ(settings.names, (std::vector<std::string>{"a", "b"}));

  auto dumped = home_ / "dumped.json";
  std::ofstream(dumped) << text_of_file(fs::path(LC_GOLDEN_DIR) / "roles" / "dump-role.txt");
  r = run("entry_echo", with_full_output({"--role-file=" + dumped.native()}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lc::decode_any(r.out).get<test_entry::echo_settings>()->ratio, 0.25);

  auto missing = run("entry_echo", {"--role-file=" + (home_ / "nothing.json").native()});
  EXPECT_EQ(missing.code, 71);
  EXPECT_NE(missing.err.find("cannot use role file"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.out, "");
}

TEST_F(role_home, a_role_missing_the_files_a_killed_creator_left_unwritten_still_runs) {
  ASSERT_EQ(run("entry_echo", {"--create-role", "--x=7"}).code, 0);
  for (auto file : {"start_stop.json", "log_storage.json", "executable_file.json", "unique_id.json"})
    fs::remove(role("entry_echo") / file);
  fs::remove_all(role("entry_echo") / "lock");
  EXPECT_EQ(run_echo_in_role().x, 7);
  EXPECT_TRUE(fs::exists(role("entry_echo") / "start_stop.json"));
  auto logs = run("entry_echo", {"--origin=RUN", "--keep-logs"});
  EXPECT_EQ(logs.code, 0) << logs.err;
}

TEST_F(role_home, from_the_shell_a_process_does_not_use_its_role_as_the_python_original_does_not) {
  ASSERT_EQ(run("entry_echo", {"--create-role", "--x=7"}).code, 0);
  auto r = run("entry_echo", with_full_output({}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lc::decode_any(r.out).get<test_entry::echo_settings>()->x, 1);
}

TEST_F(role_home, keep_logs_makes_the_role_and_writes_the_processs_log_lines_there_instead_of_stderr) {
  auto first = run("entry_echo", with_full_output({"--keep-logs", "--x=5"}));
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(lc::decode_any(first.out).get<test_entry::echo_settings>()->x, 5);
  EXPECT_EQ(first.err.find(" <"), std::string::npos) << first.err;
  std::vector<fs::path> logs(fs::directory_iterator(role("entry_echo") / "logs"), fs::directory_iterator{});
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_TRUE(std::regex_match(logs[0].filename().native(),
                               std::regex("[0-9]{4}h[0-9]{2}h[0-9]{2}T[0-9]{2}c[0-9]{2}c[0-9]{2}p[0-9]{3}")));
  auto lines = text_of_file(logs[0]);
  EXPECT_TRUE(std::regex_search(lines, std::regex(R"(^20[0-9-]{8}T[0-9:.]{12} . <[0-9a-f]{8}>)"))) << lines;

  ASSERT_EQ(run("entry_echo", {"--update-role", "--x=7"}).code, 0);
  auto again = run("entry_echo", with_full_output({"--keep-logs", "--x=5"}));
  EXPECT_EQ(lc::decode_any(again.out).get<test_entry::echo_settings>()->x, 5) << "from the shell, the command line's";
  EXPECT_EQ(run_echo_in_role().x, 7) << "and the stored settings left as they were";
}

TEST_F(role_home, edit_role_stores_what_the_editor_saved) {
  copy_python_home();
  use_editor(R"(sed -i 's/^                7,$/                9,/' "$1")");
  auto r = run("entry_echo", with_full_output({"--edit-role"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(response_of(r).command, "edit-role");
  EXPECT_EQ(run_echo_in_role().x, 9);
}

TEST_F(role_home, edit_role_changes_nothing_when_the_editor_saves_nothing_fails_or_saves_nonsense) {
  copy_python_home();
  auto settings = role("entry_echo") / "settings.json";
  auto before = text_of_file(settings);
  const std::pair<std::string, std::string> cases[] = {
      {"true", "settings not modified"},
      {"exit 3", "failed (exit status 3)"},
      {R"(echo '{"value": [["x", ["integer8", "nine", []]]]}' > "$1")", "cannot update settings"},
      {R"(echo '{"value": [["y", ["integer8", 9, []]]]}' > "$1")", "unknown setting \"y\""},
  };
  for (const auto& [script, error] : cases) {
    use_editor(script);
    auto r = run("entry_echo", {"--edit-role"});
    EXPECT_EQ(r.code, 71) << script;
    EXPECT_NE(r.err.find(error), std::string::npos) << script << ": " << r.err;
    EXPECT_EQ(text_of_file(settings), before) << script;
  }
}

}  // namespace
