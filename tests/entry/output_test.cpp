#include "entry_output.hpp"
#include "lc/codec.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

LC_TYPE(std::vector<std::vector<double>>)

namespace {

using table = std::vector<std::vector<double>>;

struct printed {
  std::string out;
  std::string err;
  int code;
};

printed print(const lc::message& m, lc::command_line flags = {}) {
  std::ostringstream out, err;
  int code = lc::detail::print_result(m, flags, "prog", out, err);
  return {out.str(), err.str(), code};
}

lc::command_line with(bool full_output, bool child_process) {
  lc::command_line flags;
  flags.full_output = full_output;
  flags.child_process = child_process;
  return flags;
}

const table sample_table{{0.93, 0.66}, {1.0, 1e-05}};

}  // namespace

TEST(entry_output, a_value_prints_indented_by_four) {
  auto p = print(sample_table);
  EXPECT_EQ(p.out, "[\n    [\n        0.93,\n        0.66\n    ],\n    [\n        1.0,\n        1e-05\n    ]\n]\n");
  EXPECT_EQ(p.err, "");
  EXPECT_EQ(p.code, 0);
}

TEST(entry_output, a_child_process_prints_one_line_with_python_separators) {
  EXPECT_EQ(print(sample_table, with(false, true)).out, "[[0.93, 0.66], [1.0, 1e-05]]\n");
  EXPECT_EQ(print(lc::HostPort{"h", 5}, with(false, true)).out, "{\"host\": \"h\", \"port\": 5}\n");
}

TEST(entry_output, a_message_prints_as_an_object_of_its_fields) {
  EXPECT_EQ(print(lc::Ack{}).out, "{}\n");
}

TEST(entry_output, full_output_prints_the_envelope_pretty) {
  auto p = print(std::vector<std::int64_t>{1, 2}, with(true, false));
  EXPECT_EQ(p.out, "{\n    \"value\": [\n        \"vector<integer8>\",\n        [\n            1,\n            2\n        ],\n        []\n    ]\n}\n");
}

TEST(entry_output, full_output_under_child_process_is_compact) {
  EXPECT_EQ(print(sample_table, with(true, true)).out,
            "{\"value\":[\"vector<vector<float8>>\",[[0.93,0.66],[1.0,1e-05]],[]]}\n");
}

TEST(entry_output, none_prints_nothing) {
  auto p = print(lc::message{});
  EXPECT_EQ(p.out, "");
  EXPECT_EQ(p.err, "");
  EXPECT_EQ(p.code, 0);
  EXPECT_EQ(print(lc::message{}, with(true, true)).out, "");
}

TEST(entry_output, a_fault_goes_to_stderr_and_exits_71) {
  auto p = print(lc::Faulted("cannot listen at \"127.0.0.1:5050\"", "Address already in use"));
  EXPECT_EQ(p.out, "");
  EXPECT_EQ(p.err, "prog: cannot listen at \"127.0.0.1:5050\" (Address already in use)\n");
  EXPECT_EQ(p.code, 71);
}

TEST(entry_output, a_fault_kind_is_a_fault) {
  auto p = print(lc::Aborted{});
  EXPECT_EQ(p.err, "prog: aborted (user or software interrupt)\n");
  EXPECT_EQ(p.code, 71);
}

TEST(entry_output, exit_status_is_the_exit_code_modulo_256) {
  EXPECT_EQ(print(lc::Faulted("f", std::nullopt, std::nullopt, 5)).code, 5);
  EXPECT_EQ(print(lc::Faulted("f", std::nullopt, std::nullopt, 300)).code, 44);
  auto zero = print(lc::Faulted("f", std::nullopt, std::nullopt, 0));
  EXPECT_EQ(zero.code, 0);
  EXPECT_EQ(zero.err, "prog: f\n");
}

TEST(entry_output, full_output_sends_a_fault_to_stdout_as_the_envelope) {
  auto p = print(lc::Faulted("f", "why", std::nullopt, 5), with(true, true));
  EXPECT_EQ(p.err, "");
  EXPECT_EQ(p.code, 5);
  auto back = lc::decode_any(p.out);
  ASSERT_NE(back.faulted(), nullptr);
  EXPECT_EQ(back.faulted()->to_string(), "f (why)");
}

TEST(entry_output, output_file_gets_the_pretty_envelope_instead_of_stdout) {
  auto path = std::filesystem::temp_directory_path() / ("lc_entry_output_" + std::to_string(::getpid()) + ".json");
  auto flags = with(false, false);
  flags.output_file = path.string();
  auto p = print(std::vector<std::int64_t>{3}, flags);
  EXPECT_EQ(p.out, "");
  EXPECT_EQ(p.code, 0);
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), "{\n    \"value\": [\n        \"vector<integer8>\",\n        [\n            3\n        ],\n        []\n    ]\n}\n");
  std::filesystem::remove(path);
}

TEST(entry_output, an_unwritable_output_file_is_a_fault) {
  auto flags = with(false, false);
  flags.output_file = "/nonexistent-dir/out.json";
  auto p = print(std::vector<std::int64_t>{3}, flags);
  EXPECT_EQ(p.err, "prog: cannot write \"/nonexistent-dir/out.json\" (No such file or directory)\n");
  EXPECT_EQ(p.code, 71);
}

TEST(entry_output, bad_arguments_exit_2_with_the_reason) {
  std::ostringstream out, err;
  EXPECT_EQ(lc::detail::print_bad_arguments("unknown arguments (z)", false, false, "prog", out, err), 2);
  EXPECT_EQ(err.str(), "prog: unknown arguments (z)\n");
  EXPECT_EQ(out.str(), "");
}

TEST(entry_output, bad_arguments_under_full_output_also_give_the_parent_a_fault) {
  std::ostringstream out, err;
  lc::detail::print_bad_arguments("unknown arguments (z)", true, true, "prog", out, err);
  auto back = lc::decode_any(out.str());
  ASSERT_NE(back.faulted(), nullptr);
  EXPECT_EQ(back.faulted()->condition, "unknown arguments (z)");
  EXPECT_EQ(back.faulted()->exit_status, 2);
}

TEST(entry_output, program_name_is_the_basename) {
  EXPECT_EQ(lc::detail::program_name("./bin/test_function_5"), "test_function_5");
  EXPECT_EQ(lc::detail::program_name("server"), "server");
}

TEST(entry_output, help_lists_each_setting_with_type_and_default) {
  lc::HostPort defaults{"127.0.0.1", 5050};
  std::ostringstream out;
  lc::detail::print_help("prog", lc::detail::schema_of<lc::HostPort>(), &defaults, out);
  auto text = out.str();
  EXPECT_NE(text.find("usage: prog"), std::string::npos);
  EXPECT_NE(text.find("--host=<unicode>  (default 127.0.0.1)"), std::string::npos);
  EXPECT_NE(text.find("--port=<integer8>  (default 5050)"), std::string::npos);
  EXPECT_NE(text.find("--debug-level=<DEBUG|TRACE|OBJECT|CONSOLE|WARNING|FAULT|NONE>"), std::string::npos);
}

TEST(entry_output, dump_types_lists_sorted_signatures) {
  std::ostringstream out;
  lc::detail::print_types(out);
  auto text = out.str();
  auto a = text.find("layer_cake.ip_networking.HostPort\n");
  auto b = text.find("vector<vector<float8>>\n");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);
}
