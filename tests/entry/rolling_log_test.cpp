// The rolling log keeps a role's lines within its storage: a new file per lines_in_file lines or
// bytes, the oldest removed beyond files_in_folder, whatever the folder held before.
#include "rolling_log.hpp"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
using lc::detail::rolling_log;

class log_folder : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = fs::temp_directory_path() / "lc-rolling-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::vector<fs::path> files() const {
    std::vector<fs::path> found(fs::directory_iterator(folder_), fs::directory_iterator{});
    std::sort(found.begin(), found.end());
    return found;
  }
  static std::string text_of(const fs::path& name) {
    std::ifstream in(name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::uintmax_t bytes() const {
    std::uintmax_t total = 0;
    for (const auto& f : files()) total += fs::file_size(f);
    return total;
  }

  fs::path folder_;
};

// A log line as the runtime writes one, its time i milliseconds after a fixed second.
std::string line_at(int i, const std::string& text = "x") {
  char time[32];
  std::snprintf(time, sizeof time, "2026-12-03T10:%02d:%02d.%03d", i / 60000 % 60, i / 1000 % 60, i % 1000);
  return std::string(time) + " ^ <00000001>main - " + text + " " + std::to_string(i) + "\n";
}

TEST_F(log_folder, files_are_named_after_their_first_lines_time_and_hold_lines_in_file_lines) {
  {
    rolling_log log(folder_, 10, 3);
    for (int i = 0; i < 7; ++i) log.write(line_at(i));
  }
  auto found = files();
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].filename(), "2026h12h03T10c00c00p000");
  EXPECT_EQ(found[1].filename(), "2026h12h03T10c00c00p003");
  EXPECT_EQ(found[2].filename(), "2026h12h03T10c00c00p006");
  EXPECT_EQ(text_of(found[1]), line_at(3) + line_at(4) + line_at(5));
}

TEST_F(log_folder, the_oldest_files_go_so_the_folder_keeps_files_in_folder_and_the_newest_lines) {
  {
    rolling_log log(folder_, 3, 100);
    for (int i = 0; i < 10000; ++i) log.write(line_at(i));
  }
  auto found = files();
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].filename(), "2026h12h03T10c00c09p700");
  EXPECT_NE(text_of(found[2]).find(line_at(9999)), std::string::npos);
}

TEST_F(log_folder, long_lines_close_a_file_at_its_byte_share_and_a_line_longer_than_that_is_cut) {
  {
    rolling_log log(folder_, 4, 10);  // 1,200 bytes a file
    for (int i = 0; i < 200; ++i) log.write(line_at(i, std::string(i == 150 ? 5000 : 500, 'y')));
  }
  for (const auto& f : files()) EXPECT_LE(fs::file_size(f), 10u * rolling_log::bytes_per_line) << f;
  EXPECT_LE(bytes(), 4u * 10u * rolling_log::bytes_per_line);
  EXPECT_EQ(text_of(files().back()).back(), '\n');
}

TEST_F(log_folder, files_left_by_an_earlier_run_count_against_the_cap_and_other_files_are_left_alone) {
  for (int i = 0; i < 5; ++i) std::ofstream(folder_ / ("2026h12h01T00c00c00p00" + std::to_string(i))) << "old\n";
  std::ofstream(folder_ / "notes.txt") << "mine\n";
  {
    rolling_log log(folder_, 3, 100);
    log.write(line_at(0));
  }
  auto found = files();
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].filename(), "2026h12h01T00c00c00p003");
  EXPECT_EQ(found[2].filename(), "2026h12h03T10c00c00p000");
  EXPECT_EQ(found[3].filename(), "notes.txt");
}

TEST(rolling_log_storage, the_reference_default_of_256_mib_gives_136_files_and_a_tiny_one_still_one) {
  EXPECT_EQ(rolling_log::files_for_storage(268435456), 136u);
  EXPECT_EQ(rolling_log::files_for_storage(10), 1u);
}

}  // namespace
