// File: names, defaults, and what happens to a file that is missing, corrupt or cannot be written.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include <gtest/gtest.h>

#include "lc/file.hpp"
#include "lc/time_values.hpp"
#include "scratch_folder.hpp"
#include "storage_types.hpp"

namespace {

using namespace storage_test;
namespace fs = std::filesystem;

// Runs `store` in a child process and returns what it threw (or "no error"); the child is
// another user when we are root, since root writes to read-only folders.
std::string store_failure_in_child(const std::function<void()>& store, bool as_other_user) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "pipe failed";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::string said = "no error";
    if (as_other_user && ::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) said = "setuid failed";
    else {
      try {
        store();
      } catch (const lc::file_error& e) {
        said = e.what();
      } catch (const std::exception& e) {
        said = std::string("other error: ") + e.what();
      }
    }
    [[maybe_unused]] auto n = ::write(pipe_fds[1], said.data(), said.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string said;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) said.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return said;
}

TEST(file, the_full_name_gets_json_appended_unless_it_ends_in_a_dot_or_decoration_is_off) {
  EXPECT_EQ(lc::File<int>("a/customers").full_name(), "a/customers.json");
  EXPECT_EQ(lc::File<int>("a/customers.").full_name(), "a/customers");
  EXPECT_EQ(lc::File<int>("a/customers", {.decorate_names = false}).full_name(), "a/customers");
}

TEST(file, a_stored_value_is_recovered_and_a_second_store_replaces_it) {
  scratch_folder folder;
  lc::File<customers> file(folder.path() / "customers");
  file.store(golden_customers());
  EXPECT_EQ(file.recover(), golden_customers());
  file.store({{2, {"Two", 2}}});
  EXPECT_EQ(file.recover(), (customers{{2, {"Two", 2}}}));
  EXPECT_EQ(folder.names(), std::vector<std::string>{"customers.json"});
}

TEST(file, a_float_table_round_trips_through_the_indented_file) {
  scratch_folder folder;
  using table = std::vector<std::vector<double>>;
  lc::File<table> file(folder.path() / "table");
  const table t = {{0.1, 1e16, -2.5}, {}, {1e-05, 0.7121297344671714}};
  file.store(t);
  EXPECT_EQ(file.recover(), t);
  EXPECT_EQ(read_bytes(file.full_name()).rfind("{\n    \"value\": [\n        [\n            0.1,\n", 0), 0u);
}

TEST(file, a_store_keeps_the_permissions_of_the_file_it_replaces) {
  scratch_folder folder;
  lc::File<int> file(folder.path() / "secret");
  file.store(1);
  fs::permissions(file.full_name(), fs::perms::owner_read | fs::perms::owner_write);
  file.store(2);
  EXPECT_EQ(fs::status(file.full_name()).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(file.recover(), 2);
}

TEST(file, a_missing_file_with_create_default_recovers_the_default_and_creates_nothing) {
  scratch_folder folder;
  lc::File<customers> file(folder.path() / "customers", {.create_default = true});
  EXPECT_EQ(file.recover(), customers{});
  EXPECT_EQ(lc::File<Bounded>(folder.path() / "b", {.create_default = true}).recover(), Bounded{});
  EXPECT_TRUE(folder.names().empty());
}

TEST(file, a_missing_file_without_create_default_is_a_file_error_naming_it) {
  scratch_folder folder;
  auto name = folder.path() / "customers.json";
  try {
    lc::File<customers>(folder.path() / "customers").recover();
    FAIL() << "recovered a missing file";
  } catch (const lc::file_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot recover \"" + name.native() + "\" (No such file or directory)");
  }
}

// A corrupt file never turns into the default, even with create_default: that would lose it at the
// next store.
TEST(file, a_corrupt_file_is_a_file_error_naming_it_and_is_left_untouched) {
  scratch_folder folder;
  auto name = folder.path() / "customers.json";
  const std::map<std::string, std::string> corrupt = {
      {"torn", "{\n    \"value\": [\n        [\n            1,\n"},
      {"empty", ""},
      {"wrong shape", R"({"value": {"age": 3}})"},
      {"wrong member type", R"({"value": [[1, {"age": "old"}]]})"},
      {"no envelope", R"([[1, {"age": 3}]])"},
  };
  for (const auto& [what, bytes] : corrupt) {
    write_bytes(name, bytes);
    try {
      lc::File<customers>(folder.path() / "customers", {.create_default = true}).recover();
      ADD_FAILURE() << what << ": recovered";
    } catch (const lc::file_error& e) {
      std::string text = e.what();
      EXPECT_EQ(text.rfind("cannot recover \"" + name.native() + "\" (cannot decode", 0), 0u) << what << ": " << text;
    }
    EXPECT_EQ(read_bytes(name), bytes) << what;
  }
  write_bytes(name, "");
  try {
    lc::File<customers>(folder.path() / "customers").recover();
  } catch (const lc::file_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot recover \"" + name.native() +
                                         "\" (cannot decode (Expecting value: line 1 column 1 (char 0)))");
  }
}

TEST(file, a_value_its_type_refuses_is_a_file_error_not_the_value) {
  scratch_folder folder;
  write_bytes(folder.path() / "b.json", R"({"value": {"n": 11}})");
  lc::File<Bounded> file(folder.path() / "b");
  EXPECT_THROW(file.recover(), lc::file_error);
  write_bytes(folder.path() / "b.json", R"({"value": {"n": 10}})");
  EXPECT_EQ(file.recover(), Bounded{10});
}

TEST(file, a_directory_in_place_of_the_file_is_a_file_error) {
  scratch_folder folder;
  fs::create_directory(folder.path() / "customers.json");
  lc::File<customers> file(folder.path() / "customers", {.create_default = true});
  EXPECT_THROW(file.recover(), lc::file_error);
  EXPECT_THROW(file.store(golden_customers()), lc::file_error);
  EXPECT_EQ(folder.names(), std::vector<std::string>{"customers.json"});
}

TEST(file, a_store_into_a_read_only_folder_throws_and_leaves_the_old_file_and_no_temporary) {
  scratch_folder folder;
  lc::File<customers> file(folder.path() / "customers");
  file.store(golden_customers());
  auto before = read_bytes(file.full_name());
  fs::permissions(folder.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  auto said = store_failure_in_child([&] { file.store({{2, {"Two", 2}}}); }, true);
  fs::permissions(folder.path(), fs::perms::owner_all);
  EXPECT_EQ(said, "cannot store \"" + file.full_name().native() + "\" (Permission denied)");
  EXPECT_EQ(read_bytes(file.full_name()), before);
  EXPECT_EQ(folder.names(), std::vector<std::string>{"customers.json"});
}

// A write cut short part way (here by a file size limit, as a full disk would) removes what it
// had written and keeps the old file.
TEST(file, a_store_cut_short_part_way_throws_and_leaves_the_old_file_and_no_temporary) {
  scratch_folder folder;
  lc::File<std::vector<std::string>> file(folder.path() / "names");
  file.store({"old"});
  auto before = read_bytes(file.full_name());
  std::vector<std::string> big(20000, "a name long enough to pass the limit");
  auto said = store_failure_in_child(
      [&] {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        file.store(big);
      },
      false);
  EXPECT_EQ(said, "cannot store \"" + file.full_name().native() + "\" (File too large)");
  EXPECT_EQ(read_bytes(file.full_name()), before);
  EXPECT_EQ(folder.names(), std::vector<std::string>{"names.json"});
}

TEST(file, a_value_that_cannot_be_encoded_is_a_file_error_and_writes_nothing) {
  scratch_folder folder;
  lc::File<lc::clock_time> file(folder.path() / "clock");
  EXPECT_THROW(file.store(lc::clock_time{lc::time_span(-10.0)}),
               lc::file_error);
  EXPECT_TRUE(folder.names().empty());
}

TEST(file, remove_says_whether_there_was_a_file) {
  scratch_folder folder;
  lc::File<int> file(folder.path() / "n");
  EXPECT_FALSE(file.remove());
  file.store(3);
  EXPECT_TRUE(file.remove());
  EXPECT_TRUE(folder.names().empty());
}

}  // namespace
