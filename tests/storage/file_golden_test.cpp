// Every file in golden/files, written by the Python original's File.store (tests/golden/README.md):
// ours writes the same bytes, and recovers the same values from them.
#include <gtest/gtest.h>

#include "lc/file.hpp"
#include "scratch_folder.hpp"
#include "storage_types.hpp"

namespace {

using namespace storage_test;
namespace fs = std::filesystem;

const fs::path golden = fs::path(LC_GOLDEN_DIR) / "files";

template <class T>
void expect_same_file(const std::string& name, const T& value, lc::file_options options = {}) {
  scratch_folder folder;
  lc::File<T>(folder.path() / name, options).store(value);
  EXPECT_EQ(read_bytes(folder.path() / (name + ".json")), read_bytes(golden / (name + ".json"))) << name;
  EXPECT_EQ(lc::File<T>(golden / name).recover(), value) << name;
}

TEST(file_golden, a_map_of_int_to_struct_is_stored_byte_exact_with_sorted_members) {
  expect_same_file("customers", golden_customers());
}

TEST(file_golden, floats_keep_their_repr_and_nested_maps_and_structs_sort_their_members) {
  expect_same_file("reading", golden_reading());
}

TEST(file_golden, unicode_text_is_written_as_ascii_escapes_astral_as_surrogate_pairs) {
  expect_same_file<std::string>("text", "Zo\u00eb \u2603 \U0001D11E");
}

TEST(file_golden, an_empty_map_is_an_empty_list) {
  expect_same_file("empty-map", std::map<std::string, std::int64_t>{});
}

TEST(file_golden, a_list_of_strings_keeps_its_order) {
  expect_same_file("names", std::vector<std::string>{"carol", "alice", "Bob", "\u00e9", ""});
}

TEST(file_golden, a_map_of_string_keys_is_a_list_of_pairs_in_key_order) {
  expect_same_file("string-map", std::map<std::string, Customer>{
                                     {"B", {"Big", 3}}, {"a", {"Ay", 1}}, {"b", {"Bee", 2}}, {"\u00e9", {"E", 4}}});
}

TEST(file_golden, compact_format_is_one_line_with_members_in_declared_order) {
  expect_same_file("customers-compact", golden_customers(), {.pretty_format = false});
}

}  // namespace
