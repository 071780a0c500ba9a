// Folder: sub-folders, the names of its .json files, and a map kept one file per entry.
#include <gtest/gtest.h>

#include "lc/folder.hpp"
#include "scratch_folder.hpp"
#include "storage_types.hpp"

namespace {

using namespace storage_test;
namespace fs = std::filesystem;
using names = std::vector<std::string>;

TEST(folder, is_created_with_its_parents_unless_auto_create_is_off) {
  scratch_folder scratch;
  lc::Folder deep(scratch.path() / "a" / "b");
  EXPECT_TRUE(fs::is_directory(scratch.path() / "a" / "b"));
  EXPECT_TRUE(fs::is_directory(deep.folder("c").path()));
  lc::Folder absent(scratch.path() / "x", {.auto_create = false});
  EXPECT_FALSE(fs::exists(absent.path()));
  EXPECT_FALSE(fs::exists(absent.folder("y").path()));
}

TEST(folder, matching_lists_json_files_without_the_extension_and_skips_the_rest) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  folder.file<int>("b").store(2);
  folder.file<int>("a").store(1);
  write_bytes(scratch.path() / "notes.txt", "x");
  write_bytes(scratch.path() / ".a.json.k3Xq9z", "{\n    \"val");  // a store that crashed
  fs::create_directory(scratch.path() / "dir.json");
  EXPECT_EQ(folder.matching(), (names{"a", "b"}));
}

TEST(folder, matching_keeps_only_names_the_pattern_matches_whole) {
  scratch_folder scratch;
  for (auto name : {"c1", "c22", "xc3", "c4x"}) lc::Folder(scratch.path()).file<int>(name).store(0);
  EXPECT_EQ(lc::Folder(scratch.path(), {.re = "c[0-9]+"}).matching(), (names{"c1", "c22"}));
  EXPECT_THROW(lc::Folder(scratch.path(), {.re = "c[0-9"}), std::invalid_argument);
}

TEST(folder, matching_a_folder_that_is_not_there_is_a_file_error) {
  scratch_folder scratch;
  EXPECT_THROW(lc::Folder(scratch.path() / "gone", {.auto_create = false}).matching(), lc::file_error);
}

TEST(folder, a_map_stored_one_file_per_entry_is_recovered_whole) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path() / "customers");
  std::map<std::string, Customer> all = {{"bobby", {"Bobby", 43}}, {"zoe", {"Zo\u00eb", std::nullopt}}};
  folder.store_all(all);
  EXPECT_EQ(folder.matching(), (names{"bobby", "zoe"}));
  EXPECT_EQ(folder.recover_all<Customer>(), all);
  EXPECT_EQ(read_bytes(folder.path() / "bobby.json"), "{\n    \"value\": {\n        \"age\": 43,\n        \"name\": \"Bobby\"\n    }\n}");
}

TEST(folder, storing_a_map_removes_the_files_of_entries_no_longer_in_it) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  folder.store_all(std::map<std::string, std::int64_t>{{"a", 1}, {"b", 2}, {"c", 3}});
  write_bytes(scratch.path() / "keep.txt", "not ours");
  folder.store_all(std::map<std::string, std::int64_t>{{"b", 20}});
  EXPECT_EQ(folder.recover_all<std::int64_t>(), (std::map<std::string, std::int64_t>{{"b", 20}}));
  EXPECT_TRUE(fs::exists(scratch.path() / "keep.txt"));
}

TEST(folder, a_key_that_is_not_a_plain_name_is_refused_before_anything_is_stored) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  for (std::string key : {"", ".", "..", "a/b", "../up"})
    EXPECT_THROW(folder.store_all(std::map<std::string, int>{{"a", 1}, {key, 1}}), std::invalid_argument) << key;
  EXPECT_TRUE(scratch.names().empty());
}

TEST(folder, a_corrupt_entry_fails_the_whole_recovery_naming_its_file) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  folder.store_all(std::map<std::string, int>{{"a", 1}});
  write_bytes(scratch.path() / "b.json", "{");
  try {
    folder.recover_all<int>();
    FAIL() << "recovered a corrupt entry";
  } catch (const lc::file_error& e) {
    EXPECT_NE(std::string(e.what()).find((scratch.path() / "b.json").native()), std::string::npos) << e.what();
  }
}

TEST(folder, erase_removes_a_file_or_a_sub_folder_and_says_whether_it_did) {
  scratch_folder scratch;
  lc::Folder folder(scratch.path());
  folder.file<int>("a").store(1);
  folder.folder("sub").file<int>("x").store(2);
  EXPECT_TRUE(folder.erase("a"));
  EXPECT_TRUE(folder.erase("sub"));
  EXPECT_FALSE(folder.erase("a"));
  EXPECT_TRUE(scratch.names().empty());
}

}  // namespace
