// layer-cake makes a home, adds roles to it, runs them through group-cake in the foreground or
// as a daemon, stops them, reports what ran, and refuses to change a home whose roles run.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <stdlib.h>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "layer_cake_fixture.hpp"
#include "http_client.hpp"
#include "response_check.hpp"
#include "scenario_server.hpp"

namespace {

using namespace std::chrono_literals;
using tools_test::layer_cake;
using tools_test::port_outside_the_ephemeral_range;

TEST_F(layer_cake, create_makes_a_home_with_the_group_role_and_refuses_one_that_exists) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  for (const char* folder : {"script", "resource", "role", "departures", "arrivals"})
    EXPECT_TRUE(std::filesystem::is_directory(home_ / folder)) << folder;
  EXPECT_NE(text_of("role/group/executable_file.json").find("group-cake"), std::string::npos);
  auto again = command({"create"});
  EXPECT_NE(again.code, 0);
  EXPECT_NE(again.err.find("existing folder"), std::string::npos) << again.err;
}

TEST_F(layer_cake, add_with_a_role_count_makes_numbered_roles_with_the_settings_given_and_list_shows_them) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo", "--role-count=3", "--role-start=1", "--x=5"}));
  EXPECT_TRUE(lists("list", {"echo-1", "echo-2", "echo-3"})) << command({"list"}).out;
  EXPECT_NE(text_of("role/echo-2/settings.json").find("\"x\""), std::string::npos) << text_of("role/echo-2/settings.json");
  auto longer = command({"list", "echo-1", "--long-listing"});
  EXPECT_EQ(longer.code, 0) << longer.err;
  EXPECT_NE(longer.out.find("entry_echo"), std::string::npos) << longer.out;
  EXPECT_EQ(longer.out.find("echo-2"), std::string::npos) << "the search was not applied:\n" << longer.out;
}

TEST_F(layer_cake, add_refuses_a_reserved_name_a_collision_a_bad_count_or_setting_and_a_missing_home) {
  auto no_home = command({"add", "entry_echo", "echo"});
  EXPECT_NE(no_home.code, 0);
  EXPECT_NE(no_home.err.find("does not exist"), std::string::npos) << no_home.err;
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo"}));
  auto collision = command({"add", "entry_echo", "echo"});
  EXPECT_NE(collision.err.find("collision of roles \"echo\""), std::string::npos) << collision.err;
  auto reserved = command({"add", "entry_echo", "group-x"});
  EXPECT_NE(reserved.err.find("reserved name"), std::string::npos) << reserved.err;
  auto count = command({"add", "entry_echo", "many", "--role-count=1001"});
  EXPECT_NE(count.err.find("range 1...1000"), std::string::npos) << count.err;
  auto unknown = command({"list", "--bogus=1"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.err.find("unknown arg(s) \"bogus=1\""), std::string::npos) << unknown.err;
  auto bad_setting = command({"add", "entry_echo", "bad", "--x=notanumber"});
  EXPECT_NE(bad_setting.err.find("cannot decode value for \"x\""), std::string::npos) << bad_setting.err;
  auto no_program = command({"add", "no_such_program"});
  EXPECT_NE(no_program.err.find("executable \"no_such_program\" not found"), std::string::npos) << no_program.err;
  auto no_command = command({"frobnicate"});
  EXPECT_NE(no_command.err.find("unknown sub-command \"frobnicate\""), std::string::npos) << no_command.err;
  for (const auto& r : {collision, reserved, count, bad_setting, no_program, no_command}) EXPECT_NE(r.code, 0);
  EXPECT_TRUE(lists("list", {"echo"})) << "a refused add left a role behind";
}

TEST_F(layer_cake, update_changes_the_stored_settings_that_run_then_uses_and_returned_reports) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo", "--x=1"}));
  ASSERT_NO_FATAL_FAILURE(made({"update", "echo", "--x=9"}));
  auto ran = command({"run"});
  EXPECT_EQ(ran.code, 0) << ran.err;
  EXPECT_NE(ran.out.find(R"("x": 9)"), std::string::npos) << "not the updated settings:\n" << ran.out;
  auto value = command({"returned", "echo"});
  EXPECT_EQ(value.code, 0) << value.err;
  EXPECT_NE(value.out.find("9"), std::string::npos) << value.out;
  auto history = command({"history", "echo"});
  EXPECT_EQ(history.code, 0) << history.err;
  EXPECT_EQ(history.out.rfind("[0] ", 0), 0u) << history.out;
  auto out_of_bounds = command({"returned", "echo", "--start=4"});
  EXPECT_NE(out_of_bounds.err.find("start [4] out of bounds"), std::string::npos) << out_of_bounds.err;
}

TEST_F(layer_cake, start_runs_the_roles_in_the_background_and_stop_ends_them_all) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter", "--role-count=2"}));
  auto started = command({"start"});
  ASSERT_EQ(started.code, 0) << started.err;
  EXPECT_TRUE(tools_test::eventually([&] { return lists("status", {"waiter-0", "waiter-1"}); }))
      << command({"status"}).out << command({"status"}).err;
  auto longer = command({"status", "--long-listing"});
  EXPECT_NE(longer.out.find("waiter-0                 <"), std::string::npos) << longer.out;
  auto stopped = command({"stop"});
  EXPECT_EQ(stopped.code, 0) << stopped.err;
  // stop returns when their locks are free; the processes may still be in exit for a moment
  EXPECT_TRUE(tools_test::eventually([&] { return running_in_home() == 0; }, 2s)) << "a role or group-cake outlived stop";
  auto none = command({"status"});
  EXPECT_NE(none.err.find("nothing running"), std::string::npos) << none.err;
  auto history = command({"history", "waiter-1"});
  EXPECT_NE(history.out.find("(Aborted)"), std::string::npos) << history.out;
}

TEST_F(layer_cake, commands_that_change_a_home_or_run_it_again_refuse_while_its_roles_run) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter"}));
  ASSERT_NO_FATAL_FAILURE(made({"start"}));
  ASSERT_TRUE(tools_test::eventually([&] { return lists("status", {"waiter"}); }));
  auto deleted = command({"delete", "waiter"});
  EXPECT_NE(deleted.err.find("\"waiter\" are currently running"), std::string::npos) << deleted.err;
  auto destroyed = command({"destroy"});
  EXPECT_NE(destroyed.err.find("running roles"), std::string::npos) << destroyed.err;
  auto again = command({"run"});
  EXPECT_NE(again.err.find("already running"), std::string::npos) << again.err;
  for (const auto& r : {deleted, destroyed, again}) EXPECT_NE(r.code, 0);
  EXPECT_TRUE(std::filesystem::exists(home_ / "role" / "waiter"));
  ASSERT_NO_FATAL_FAILURE(made({"stop"}));
}

TEST_F(layer_cake, log_prints_the_lines_of_a_roles_rolling_log_in_the_window_asked_for) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter"}));
  ASSERT_NO_FATAL_FAILURE(made({"start"}));
  ASSERT_TRUE(tools_test::eventually([&] { return lists("status", {"waiter"}); }));
  ASSERT_NO_FATAL_FAILURE(made({"stop"}));
  auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  auto whole = command({"log", "waiter", "--start=0"});
  EXPECT_EQ(whole.code, 0) << whole.err;
  EXPECT_GE(lines(whole.out), 3) << whole.out;
  EXPECT_NE(whole.out.find("<00000002>root - Created by"), std::string::npos) << whole.out;
  auto tail = command({"log", "waiter", "--tail=2"});
  EXPECT_EQ(lines(tail.out), 2) << tail.out;
  EXPECT_EQ(whole.out.substr(whole.out.size() - tail.out.size()), tail.out) << "not the last two lines";
  EXPECT_EQ(lines(command({"log", "waiter", "--start=0", "--count=1"}).out), 1);
  auto before = command({"log", "waiter", "--from_=2000-01-01T00:00:00", "--span=1d"});
  EXPECT_EQ(before.code, 0) << before.err;
  EXPECT_EQ(before.out, "") << "lines from outside the window";
  auto two = command({"log", "waiter", "--tail=1", "--back=1m"});
  EXPECT_NE(two.err.find("need one of tail, from_, last, start or back"), std::string::npos) << two.err;
  auto nobody = command({"log"});
  EXPECT_NE(nobody.err.find("no role specified"), std::string::npos) << nobody.err;
}

// Lines written into the role's log folder as the runtime writes them: --sample picks one
// series' values, --clock reads and prints local time, --last begins at the start of a frame.
TEST_F(layer_cake, log_samples_a_series_reads_clock_times_and_begins_at_the_last_frame) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter"}));
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char today[32];
  std::strftime(today, sizeof today, "%Y-%m-%dT%H:%M:%S", &utc);
  {
    std::ofstream log(home_ / "role" / "waiter" / "logs" / "2000-01-01T00h00c00p000000");
    log << "2000-01-01T10:00:00.000 & <00000011>server - series (a=1,b=2.5)\n"
        << "2000-01-01T10:00:01.000 & <00000011>server - other (a=9)\n"
        << "2000-01-01T10:00:02.000 ^ <00000011>server - series (a=3,b=4)\n"
        << "2000-01-01T10:00:03.000 & <00000011>server - series (a=5,b=6)\n"
        << today << ".000 ^ <00000011>server - now\n";
  }
  auto sampled = command({"log", "waiter", "--sample=series", "--from_=2000-01-01T00:00:00", "--count=2"});
  EXPECT_EQ(sampled.out, "2000-01-01T10:00:00.000\t1\t2.5\n2000-01-01T10:00:03.000\t5\t6\n") << sampled.err;

  ::setenv("TZ", "UTC-1", 1);  // local time is an hour ahead of UTC, for the children
  auto clocked = command({"log", "waiter", "--clock", "--sample=series", "--from_=2000-01-01T11:00:02",
                          "--to=2000-01-01T11:00:05"});
  auto clock_tail = command({"log", "waiter", "--clock", "--from_=2000-01-01T11:00:03", "--count=1"});
  ::unsetenv("TZ");
  EXPECT_EQ(clocked.out, "2000-01-01t11:00:03.000\t5\t6\n") << clocked.err;
  EXPECT_EQ(clock_tail.out, "2000-01-01t11:00:03.000 & <00000011>server - series (a=5,b=6)\n") << clock_tail.err;

  auto month = command({"log", "waiter", "--last=MONTH"});
  EXPECT_EQ(month.out, std::string(today) + ".000 ^ <00000011>server - now\n") << month.err;
  auto both = command({"log", "waiter", "--sample=series", "--tags=&"});
  EXPECT_NE(both.err.find("sampling is by a specific tag"), std::string::npos) << both.err;
  EXPECT_NE(command({"log", "waiter", "--last=FORTNIGHT"}).code, 0);
  auto two = command({"log", "waiter", "--last=DAY", "--tail=3"});
  EXPECT_NE(two.err.find("need one of tail, from_, last, start or back"), std::string::npos) << two.err;
}

// A role that ended Faulted: `returned` reports that value, so it succeeds, as the reference's.
TEST_F(layer_cake, returned_prints_a_faulted_run_as_no_fault_and_exits_0) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo"}));
  std::ofstream(home_ / "role" / "echo" / "start_stop.json")
      << R"({"value": [{"start": "2026-01-01T00:00:00", "stop": "2026-01-01T00:00:01", "returned": )"
      << R"(["layer_cake.point_runtime.Aborted", {"condition": "aborted", "explanation": "user or software interrupt", )"
      << R"("error_code": null, "exit_status": null}, []]}]})";
  auto r = command({"returned", "echo"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("fault": [)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("layer_cake.point_runtime.Aborted")"), std::string::npos) << r.out;
}

// A run's start is kept to the microsecond and a log line's time to the millisecond.
TEST_F(layer_cake, log_start_includes_the_lines_of_the_millisecond_the_run_began_in) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo"}));
  auto role = home_ / "role" / "echo";
  std::ofstream(role / "start_stop.json")
      << R"({"value": [{"start": "2026-01-01T00:00:00.134500", "stop": null, "returned": null}]})";
  std::filesystem::create_directories(role / "logs");
  std::ofstream(role / "logs" / "2026h01h01T00c00c00p134")
      << "2026-01-01T00:00:00.133 + <00000001>before - Created by <00000000>\n"
      << "2026-01-01T00:00:00.134 + <00000002>root - Created by <00000000>\n";
  auto r = command({"log", "echo", "--start=0"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2026-01-01T00:00:00.134 + <00000002>root - Created by <00000000>\n");
}

TEST_F(layer_cake, edit_stores_what_the_editor_saved_and_refuses_a_running_role) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo", "--x=1"}));
  auto editor = home_ / "editor.sh";
  std::ofstream(editor) << "#!/bin/sh\nsed -i 's/^                1,$/                4,/' \"$1\"\n";
  std::filesystem::permissions(editor, std::filesystem::perms::owner_all);
  ::setenv("LC_EDITOR", editor.c_str(), 1);
  auto edited = command({"edit", "echo"});
  ::unsetenv("LC_EDITOR");
  EXPECT_EQ(edited.code, 0) << edited.err;
  EXPECT_NE(command({"run"}).out.find(R"("x": 4)"), std::string::npos) << "not what the editor saved";
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter"}));
  ASSERT_NO_FATAL_FAILURE(made({"start", "waiter"}));
  ASSERT_TRUE(tools_test::eventually([&] { return lists("status", {"waiter"}); }));
  auto running = command({"edit", "waiter"});
  EXPECT_NE(running.err.find("role is running"), std::string::npos) << running.err;
  EXPECT_NE(command({"edit", "nobody"}).err.find("does not exist"), std::string::npos);
  ASSERT_NO_FATAL_FAILURE(made({"stop"}));
}


// The multihosting chapter's transcript for scenario 10: the roles find each other through
// group-cake's directory, with no host-cake running.
TEST_F(layer_cake, the_chapters_scenario_10_runs_as_a_composite_process_and_sigint_ends_every_role) {
  auto port = port_outside_the_ephemeral_range();
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "test_server_10", "server", scenario_test::address_argument(port)}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "test_worker_10", "worker", "--role-count=8"}));
  entry_test::child run("layer-cake", {"run", "--home-path=" + home_.string()});
  std::optional<scenario_test::http_response> answer;
  bool served = tools_test::eventually([&] {  // until the server listens and has a worker: no event to wait on here
    try {
      answer = scenario_test::http_get(port, scenario_test::xy_target(2, 2), 1s);
    } catch (const std::exception&) {  // not listening yet
      return false;
    }
    return answer && answer->status == 200;
  }, 20s);
  if (answer) {
    EXPECT_EQ(scenario_test::table_problem(*answer, 2, 2), "");
  }
  EXPECT_EQ(running_in_home(run.pid()), 10u) << "group-cake, the server and eight workers";
  ::kill(run.pid(), SIGINT);
  auto ended = run.finish(15s);
  EXPECT_FALSE(ended.timed_out) << "layer-cake run did not end on SIGINT";
  EXPECT_TRUE(served) << (answer ? answer->body : "no answer") << "\nlayer-cake run:\n" << ended.out << ended.err;
  EXPECT_NE(ended.err.find("aborted"), std::string::npos) << ended.err;
  EXPECT_TRUE(tools_test::eventually([&] { return running_in_home() == 0; }, 5s)) << running_in_home() << " left";
}

TEST_F(layer_cake, delete_removes_the_roles_named_and_destroy_the_whole_home) {
  ASSERT_NO_FATAL_FAILURE(made({"create"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_echo", "echo"}));
  ASSERT_NO_FATAL_FAILURE(made({"add", "entry_wait", "waiter"}));
  auto unnamed = command({"delete"});
  EXPECT_NE(unnamed.err.find("no roles specified"), std::string::npos) << unnamed.err;
  ASSERT_NO_FATAL_FAILURE(made({"delete", "echo"}));
  EXPECT_TRUE(lists("list", {"waiter"}));
  ASSERT_NO_FATAL_FAILURE(made({"destroy"}));
  EXPECT_FALSE(std::filesystem::exists(home_));
  auto gone = command({"destroy"});
  EXPECT_NE(gone.err.find("not a folder"), std::string::npos) << gone.err;
}

}  // namespace
