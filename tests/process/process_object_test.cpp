// ProcessObject through real child processes: results, the exit-code table, Stop with SIGKILL
// escalation, and no child outliving its parent.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <spawn.h>
#include <thread>

#include "lc/lc.hpp"
#include "lc/process_object.hpp"
#include "test_child.hpp"

extern char** environ;

namespace {

using table = std::vector<std::vector<double>>;
using namespace std::chrono_literals;

lc::message returned_value(lc::channel& self, double seconds = 20) {
  auto m = self.input(seconds);
  if (!m) {
    ADD_FAILURE() << "no Returned within " << seconds << " s";
    return {};
  }
  auto* r = m->get<lc::Returned>();
  if (!r) {
    ADD_FAILURE() << "expected Returned, got " << m->type_name();
    return {};
  }
  return r->message;
}

std::string condition_of(const lc::message& m) {
  auto* f = m.faulted();
  return f ? f->to_string() : "not a fault: " + m.type_name();
}

bool process_exists(pid_t pid) {
  return std::filesystem::exists("/proc/" + std::to_string(pid)) &&
         [&] {
           std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
           std::string text((std::istreambuf_iterator<char>(stat)), {});
           auto close = text.rfind(')');
           return close == std::string::npos || text.substr(close + 2, 1) != "Z";
         }();
}

template <class Predicate>
bool within(std::chrono::milliseconds limit, Predicate done) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);  // polling a condition with a deadline, not a synchronisation sleep
  }
  return true;
}

// The pids ProcessObjects report starting, taken from the log ("Started process (PID)").
std::mutex started_mutex;
std::vector<pid_t> started_pids;
void collect_started(const std::string& line) {
  static const std::regex started(R"(Started process \((\d+)\))");
  std::smatch found;
  if (std::regex_search(line, found, started)) {
    std::lock_guard lock(started_mutex);
    started_pids.push_back(std::stoi(found[1]));
  }
}

// Whether SIGINT is in the process's signal set `field` ("SigCgt:" caught, "SigIgn:" ignored).
bool sigint_in(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field, 0) == 0) return (std::stoull(line.substr(field.size()), nullptr, 16) & (1ull << (SIGINT - 1))) != 0;
  return false;
}

// Creates a ProcessObject and waits until its child handles SIGINT (its runtime is up, so SIGINT
// becomes Stop), or with `field` "SigIgn:", until the child ignores it.
template <class... A>
lc::address create_running_child(lc::channel& self, const std::string& field, A&&... args) {
  {
    std::lock_guard lock(started_mutex);
    started_pids.clear();
  }
  lc::detail::set_log_hook(&collect_started);
  lc::set_log_level(lc::log_level::OBJECT);
  auto a = self.create<lc::ProcessObject>(std::forward<A>(args)...);
  pid_t pid = 0;
  bool ready = within(5000ms, [&] {
    std::lock_guard lock(started_mutex);
    if (started_pids.empty()) return false;
    pid = started_pids.front();
    return sigint_in(pid, field);
  });
  lc::set_log_level(lc::log_level::NONE);
  lc::detail::set_log_hook(nullptr);
  EXPECT_TRUE(ready) << "the child never came up";
  return a;
}

}  // namespace

TEST(process_object, returns_the_childs_table) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "table", .x = 4, .y = 3});
  auto value = returned_value(self);
  auto* t = value.get<table>();
  ASSERT_NE(t, nullptr) << value.type_name();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0].size(), 4u);
}

std::string role_of_child(lc::channel& self) {
  auto value = returned_value(self);
  auto* role = value.get<std::string>();
  return role ? *role : "not a role: " + value.type_name();
}

TEST(process_object, the_child_gets_the_executables_name_as_its_role_unless_one_is_given) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "role"});
  EXPECT_EQ(role_of_child(self), "lc_test_child");
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "role"}, lc::process_options{.role_name = "tiler"});
  EXPECT_EQ(role_of_child(self), "tiler");
}

TEST(process_object, spool_workers_get_numbered_roles) {
  lc::channel self;
  auto factory = lc::process_workers(test_child, child_settings{.mode = "role"});
  factory(self, 0);
  EXPECT_EQ(role_of_child(self), "spool-0");
  lc::process_workers(test_child, child_settings{.mode = "role"}, {}, "tile-{i}-of-{i}")(self, 7);
  EXPECT_EQ(role_of_child(self), "tile-7-of-7");
}

lc::message ghost(lc::channel&) { return {}; }

TEST(process_object, an_unknown_executable_is_a_clear_fault) {
  lc::bind_process(&ghost, "lc_no_such_program");
  lc::channel self;
  self.create<lc::ProcessObject>(&ghost);
  EXPECT_EQ(condition_of(returned_value(self)), "cannot execute lc_no_such_program (not found)");
}

TEST(process_object, a_childs_fault_with_its_own_exit_status_is_that_fault) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "fault"});
  EXPECT_EQ(condition_of(returned_value(self)), "child fault (on purpose)");
}

TEST(process_object, a_childs_value_its_type_refuses_is_that_refusal) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "out_of_range"});
  EXPECT_EQ(condition_of(returned_value(self)), "bounded too big (n over the limit of 10)");
}

TEST(process_object, other_exit_codes_are_non_standard_exits) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "exit3"});
  EXPECT_EQ(condition_of(returned_value(self)),
            "non-standard process exit - code=3, output=<empty>, page=\"<empty>...\"");
}

TEST(process_object, a_crash_is_reported_with_its_signal) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "crash"});
  EXPECT_EQ(condition_of(returned_value(self)),
            "non-standard process exit - code=-6, output=<empty>, page=\"<empty>...\"");
}

TEST(process_object, output_that_is_not_json_cannot_be_decoded) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "garbage"});
  EXPECT_EQ(condition_of(returned_value(self)).rfind("cannot decode output (", 0), 0u);
}

TEST(process_object, a_child_whose_stdout_never_ends_is_killed_at_the_cap_and_faults) {
  lc::channel self;
  self.create<lc::ProcessObject>(test_child, child_settings{.mode = "flood"});
  EXPECT_EQ(condition_of(returned_value(self, 30)).rfind("child output over the cap (256 MiB", 0), 0u);
}

TEST(process_object, stop_interrupts_the_child_and_returns_aborted) {
  lc::channel self;
  auto a = create_running_child(self, "SigCgt:", test_child, child_settings{.mode = "wait"});
  self.send(lc::Stop{}, a);
  auto value = returned_value(self);
  EXPECT_TRUE(value.is<lc::Aborted>()) << condition_of(value);
}

TEST(process_object, a_child_that_ignores_stop_is_killed_after_the_grace) {
  lc::channel self;
  auto a = create_running_child(self, "SigIgn:", test_child, child_settings{.mode = "ignore"}, lc::process_options{.grace = 0.3});
  auto stopped = std::chrono::steady_clock::now();
  self.send(lc::Stop{}, a);
  auto value = returned_value(self, 5);
  auto took = std::chrono::steady_clock::now() - stopped;
  EXPECT_TRUE(value.is<lc::Aborted>()) << condition_of(value);
  EXPECT_GE(took, 300ms) << "killed before the grace: the child did not ignore SIGINT";
  EXPECT_LT(took, 1300ms);
}

TEST(process_object, a_child_whose_main_object_never_takes_its_stop_still_ends_promptly) {
  lc::channel self;
  auto a = create_running_child(self, "SigCgt:", test_child, child_settings{.mode = "deaf"});
  auto stopped = std::chrono::steady_clock::now();
  self.send(lc::Stop{}, a);
  auto value = returned_value(self, 5);
  auto took = std::chrono::steady_clock::now() - stopped;
  EXPECT_TRUE(value.is<lc::Aborted>()) << condition_of(value);
  EXPECT_LT(took, 1000ms) << "the child's runtime should abandon a main object that ignores Stop";
}

TEST(process_object, a_child_dies_with_its_parent_even_by_sigkill) {
  auto parent_path = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "lc_test_parent";
  int err_pipe[2];
  ASSERT_EQ(::pipe(err_pipe), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  std::string path = parent_path.string();
  char* argv[] = {path.data(), const_cast<char*>("--debug-level=OBJECT"), nullptr};
  pid_t parent = 0;
  ASSERT_EQ(::posix_spawn(&parent, path.c_str(), &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);

  // The parent's log names the child: "( <...>lc_test_child - Started process (PID)".
  std::string log;
  std::smatch found;
  std::regex started(R"(Started process \((\d+)\))");
  char buffer[4096];
  while (!std::regex_search(log, found, started)) {
    ssize_t n = ::read(err_pipe[0], buffer, sizeof buffer);
    ASSERT_GT(n, 0) << "the parent ended before starting its child:\n" << log;
    log.append(buffer, static_cast<std::size_t>(n));
  }
  pid_t child = std::stoi(found[1]);
  ASSERT_TRUE(process_exists(child));

  ::kill(parent, SIGKILL);
  int status = 0;
  ::waitpid(parent, &status, 0);
  ::close(err_pipe[0]);
  EXPECT_TRUE(within(1000ms, [&] { return !process_exists(child); })) << "child " << child << " outlived its parent";
  if (process_exists(child)) ::kill(child, SIGKILL);
}
