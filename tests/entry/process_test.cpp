// The entry point seen from outside: real child processes, their stdout, stderr and exit codes.
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "lc/codec.hpp"
#include "programs.hpp"

using entry_test::child;
using entry_test::run_child;
using namespace std::chrono_literals;

extern char** environ;

namespace {

test_entry::echo_settings echoed(const std::vector<std::string>& args) {
  auto with_flags = args;
  with_flags.push_back("--child-process");
  with_flags.push_back("--full-output");
  auto r = run_child("entry_echo", with_flags);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  auto m = lc::decode_any(r.out);
  auto* s = m.get<test_entry::echo_settings>();
  if (s == nullptr) throw std::runtime_error("not echo_settings: " + r.out);
  return *s;
}

void expect_bad_arguments(const std::vector<std::string>& args, const std::string& reason) {
  auto r = run_child("entry_echo", args);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "entry_echo: " + reason + "\n");
}

}  // namespace

TEST(process_entry, settings_arrive_decoded_by_their_types) {
  auto s = echoed({"--x=2", "--ratio=0.25", "--label=b c", "--flag", "-c=3", R"(--names=["a","b c"])",
                   R"(-sa={"port":1})", "--mode=FAST"});
  EXPECT_EQ(s.x, 2);
  EXPECT_EQ(s.ratio, 0.25);
  EXPECT_EQ(s.label, "b c");
  EXPECT_TRUE(s.flag);
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.names, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(s.server_address.host, "127.0.0.1");
  EXPECT_EQ(s.server_address.port, 1);
  EXPECT_EQ(s.mode, test_entry::speed::FAST);
}

TEST(process_entry, settings_written_for_a_child_are_read_back_unchanged) {
  test_entry::echo_settings s;
  s.x = -4;
  s.ratio = 1e-05;
  s.label = "with \"quotes\", spaces";
  s.count = 0;
  s.names = {"α", "b c"};
  s.server_address = {"10.0.0.1", 80};
  s.mode = test_entry::speed::FAST;
  auto back = echoed(lc::encode_settings(s));
  EXPECT_EQ(lc::encode_settings(back), lc::encode_settings(s));
}

TEST(process_entry, bad_arguments_print_the_reason_and_exit_2) {
  expect_bad_arguments({"--z=1", "-q"}, "unknown arguments (z, q)");
  expect_bad_arguments({"--ratio=1"}, "cannot decode value for \"ratio\" (no transform int/Float8)");
  expect_bad_arguments({"--x="}, "cannot decode value for \"x\" (Expecting value: line 1 column 12 (char 11))");
  expect_bad_arguments({"-x=3", "--x=4"}, "cannot decode value for \"x\" (use of both long and short forms)");
  expect_bad_arguments({"-dr"}, "ambiguous short settings (dump_role, delete_role), use long form --dump-role=<value>");
  expect_bad_arguments({"--debug-level=debug"},
                       "cannot decode value for \"debug-level\" (undefined enum \"USER_LOG.debug\")");
  expect_bad_arguments({"word"}, "unexpected positional arguments (word)");
}

TEST(process_entry, bad_arguments_under_full_output_also_reach_a_parent_as_a_fault) {
  auto r = run_child("entry_echo", {"--z=1", "--child-process", "--full-output"});
  EXPECT_EQ(r.code, 2);
  auto m = lc::decode_any(r.out);
  ASSERT_NE(m.faulted(), nullptr) << r.out;
  EXPECT_EQ(m.faulted()->condition, "unknown arguments (z)");
}

TEST(process_entry, a_table_prints_indented_by_four) {
  auto r = run_child("entry_table", {"--x=2", "--y=1"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "[\n    [\n        0.25\n    ],\n    [\n        0.25\n    ]\n]\n");
}

TEST(process_entry, settings_that_decode_but_fail_their_validate_are_bad_arguments) {
  for (const char* bad : {"--x=-1", "--y=1001"}) {
    auto r = run_child("entry_table", {bad});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "entry_table: table out of range (x and y go from 0 to 1000)\n") << bad;
  }
  EXPECT_EQ(run_child("entry_table", {"--x=1000", "--y=0"}).code, 0);
}

TEST(process_entry, a_child_process_prints_one_line) {
  auto r = run_child("entry_table", {"--x=2", "--y=2", "--child-process"});
  EXPECT_EQ(r.out, "[[0.25, 0.25], [0.25, 0.25]]\n");
}

TEST(process_entry, full_output_prints_the_envelope_pretty) {
  auto r = run_child("entry_table", {"--x=1", "--y=1", "--value=1.0", "--full-output"});
  EXPECT_EQ(r.out, "{\n    \"value\": [\n        \"vector<vector<float8>>\",\n        [\n            [\n"
                   "                1.0\n            ]\n        ],\n        []\n    ]\n}\n");
}

TEST(process_entry, full_output_of_a_child_is_one_compact_line) {
  auto r = run_child("entry_table", {"--x=1", "--y=2", "--child-process", "--full-output"});
  EXPECT_EQ(r.out, "{\"value\":[\"vector<vector<float8>>\",[[0.25,0.25]],[]]}\n");
  EXPECT_EQ(r.code, 0);
}

TEST(process_entry, the_flags_a_python_parent_passes_are_accepted) {
  auto r = run_child("entry_table", {"--x=1", "--y=1", "--directory-scope=LIBRARY",
                                     R"(--connect-to-directory={"host": "127.0.0.1", "port": 41234})",
                                     "--encrypted-process=false", "--origin=RUN_CHILD", "--child-process",
                                     "--full-output", "--home-path=/tmp", "--role-name=kid", "--keep-logs",
                                     "--debug-level=NONE"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"value\":[\"vector<vector<float8>>\",[[0.25]],[]]}\n");
}

TEST(process_entry, a_fault_goes_to_stderr_with_the_program_name_and_exits_71) {
  auto r = run_child("entry_fault", {});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "entry_fault: test fault (as asked)\n");
  EXPECT_EQ(r.code, 71);
}

TEST(process_entry, a_fault_exits_with_its_exit_status_modulo_256) {
  EXPECT_EQ(run_child("entry_fault", {"--exit-status=5"}).code, 5);
  EXPECT_EQ(run_child("entry_fault", {"--exit-status=300"}).code, 44);
  auto zero = run_child("entry_fault", {"--exit-status=0"});
  EXPECT_EQ(zero.code, 0);
  EXPECT_EQ(zero.err, "entry_fault: test fault (as asked)\n");
}

TEST(process_entry, a_fault_under_full_output_is_the_envelope_on_stdout) {
  auto r = run_child("entry_fault", {"--exit-status=5", "--child-process", "--full-output"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.code, 5);
  auto m = lc::decode_any(r.out);
  ASSERT_NE(m.faulted(), nullptr) << r.out;
  EXPECT_EQ(m.faulted()->to_string(), "test fault (as asked)");
}

TEST(process_entry, an_exception_is_an_object_fault) {
  auto r = run_child("entry_throw", {});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "entry_throw: object faulted (unhandled exception (kid raised))\n");
  EXPECT_EQ(r.code, 71);
}

TEST(process_entry, void_prints_nothing_and_exits_0) {
  auto r = run_child("entry_void", {"--child-process", "--full-output"});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.code, 0);
}

TEST(process_entry, help_lists_the_settings_and_exits_0) {
  auto r = run_child("entry_table", {"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("usage: entry_table"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--x=<integer8>  (default 2)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--value=<float8>  (default 0.25)"), std::string::npos) << r.out;
  EXPECT_EQ(run_child("entry_table", {"-h"}).out, r.out);
}

TEST(process_entry, dump_types_prints_the_sorted_type_table) {
  auto r = run_child("entry_echo", {"--dump-types"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("test_entry.echo_settings\n"), std::string::npos) << r.out;
  auto a = r.out.find("layer_cake.");
  auto b = r.out.find("test_entry.");
  EXPECT_LT(a, b);
}

TEST(process_entry, sigint_becomes_stop_and_the_result_aborted_exits_71) {
  child c("entry_wait", {});
  ASSERT_TRUE(c.wait_for_stderr("ready\n", 10s));
  ::kill(c.pid(), SIGINT);
  auto r = c.finish(10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.code, 71);
  EXPECT_EQ(r.err, "ready\nentry_wait: aborted (user or software interrupt)\n");
}

TEST(child_process_flags, a_child_whose_parent_is_already_gone_exits_at_once) {
  auto r = run_child("entry_wait", {"--child-process", "--parent-pid=1"}, 10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.code, 71);
  EXPECT_EQ(r.err, "entry_wait: parent process has gone (pid 1)\n");
}

TEST(child_process_flags, a_child_dies_when_its_parent_is_killed) {
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);  // the orphan comes back to us to be reaped
  int report[2], errors[2];
  ASSERT_EQ(::pipe(report), 0);
  ASSERT_EQ(::pipe(errors), 0);
  auto program = entry_test::sibling_path("entry_wait");
  pid_t middle = ::fork();
  ASSERT_GE(middle, 0);
  if (middle == 0) {
    std::string parent_pid = "--parent-pid=" + std::to_string(::getpid());
    char* argv[] = {program.data(), const_cast<char*>("--child-process"), parent_pid.data(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2);
    pid_t kid = -1;
    if (::posix_spawn(&kid, program.c_str(), &actions, nullptr, argv, environ) != 0) ::_exit(1);
    (void)!::write(report[1], &kid, sizeof kid);
    for (;;) ::pause();
  }
  ::close(report[1]);
  ::close(errors[1]);
  pid_t kid = -1;
  ASSERT_EQ(::read(report[0], &kid, sizeof kid), static_cast<ssize_t>(sizeof kid));
  std::string err;
  char buffer[256];
  while (err.find("ready\n") == std::string::npos) {
    auto n = ::read(errors[0], buffer, sizeof buffer);
    ASSERT_GT(n, 0) << "the child ended before it was ready: " << err;
    err.append(buffer, static_cast<std::size_t>(n));
  }
  ::kill(middle, SIGKILL);
  ::waitpid(middle, nullptr, 0);
  int code = entry_test::reap(kid, 1s);
  if (code == entry_test::still_running) {
    ::kill(kid, SIGKILL);
    entry_test::reap(kid, 5s);
  }
  EXPECT_EQ(code, -SIGKILL);
  ::close(report[0]);
  ::close(errors[0]);
}

TEST(process_entry, a_machine_main_is_built_from_its_settings) {
  auto r = run_child("entry_machine", {"--x=1", "--y=3", "--value=0.5", "--child-process"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[[0.5, 0.5, 0.5]]\n");
  EXPECT_EQ(run_child("entry_machine", {"--z=1"}).err, "entry_machine: unknown arguments (z)\n");
}
