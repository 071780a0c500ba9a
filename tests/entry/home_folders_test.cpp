// The home folders of a process started from the shell, seen from outside: entry_home reports
// them, and what it stores is looked for after it has gone.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "lc/codec.hpp"
#include "programs.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh folder, made $TMPDIR for the children, removed after.
class scratch_tmpdir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = fs::temp_directory_path() / "lc-home-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    path_ = pattern;
    const char* old = std::getenv("TMPDIR");
    if (old) old_tmpdir_ = old;
    ::setenv("TMPDIR", path_.c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_) ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    else ::unsetenv("TMPDIR");
    fs::remove_all(path_);
  }

  test_entry::home_report run_home(const std::vector<std::string>& args) {
    auto with_flags = args;
    with_flags.push_back("--child-process");
    with_flags.push_back("--full-output");
    auto r = entry_test::run_child("entry_home", with_flags);
    EXPECT_EQ(r.code, 0) << r.err;
    auto m = lc::decode_any(r.out);
    auto* report = m.get<test_entry::home_report>();
    if (report == nullptr) throw std::runtime_error("not a home_report: " + r.out);
    return *report;
  }

  fs::path path_;
  std::optional<std::string> old_tmpdir_;
};

TEST_F(scratch_tmpdir, model_path_names_the_model_folder_and_a_file_stored_there_outlives_the_process) {
  auto model = path_ / "role" / "model";
  auto report = run_home({"--model-path=" + model.native(), "--store-label=true"});
  EXPECT_EQ(report.model, model.native());
  std::ifstream in(model / "label.json");
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(text, "{\n    \"value\": \"stored by entry_home\"\n}");
}

TEST_F(scratch_tmpdir, without_model_path_the_model_folder_is_the_working_folder_and_there_is_no_resource_folder) {
  auto report = run_home({});
  EXPECT_EQ(report.model, fs::current_path().native());
  EXPECT_FALSE(report.resource.has_value());
}

TEST_F(scratch_tmpdir, a_relative_resource_path_is_made_absolute) {
  auto resource = fs::relative(path_ / "resource", fs::current_path());
  ASSERT_TRUE(resource.is_relative());
  auto report = run_home({"--resource-path=" + resource.native() + "/"});
  EXPECT_EQ(report.resource, (path_ / "resource").native());
}

TEST_F(scratch_tmpdir, the_tmp_folder_is_new_and_empty_under_tmpdir_and_gone_after_a_normal_exit) {
  auto report = run_home({"--model-path=" + (path_ / "model").native(), "--store-label=true"});
  EXPECT_EQ(fs::path(report.tmp).parent_path(), path_);
  EXPECT_EQ(report.tmp_files_at_start, 0);
  EXPECT_FALSE(fs::exists(report.tmp));
  auto again = run_home({});
  EXPECT_NE(again.tmp, report.tmp);
}

}  // namespace
