#include "lc/settings.hpp"

#include <gtest/gtest.h>

#include "sample_settings.hpp"

using test_settings::sample;

namespace {

sample decode(std::vector<std::string> args) {
  lc::command_line standard;
  return lc::decode_settings<sample>(args, standard);
}

lc::command_line decode_standard(std::vector<std::string> args) {
  lc::command_line standard;
  lc::decode_settings<test_settings::none>(args, standard);
  return standard;
}

std::string error_of(std::vector<std::string> args) {
  try {
    decode(args);
  } catch (const lc::settings_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(settings_decode, defaults_stay_when_no_argument_names_them) {
  auto s = decode({});
  EXPECT_EQ(s.x, 1);
  EXPECT_EQ(s.ratio, 0.5);
  EXPECT_EQ(s.server_address.port, 5050);
}

TEST(settings_decode, long_form_takes_json_and_dashes_become_underscores) {
  auto s = decode({"--x=2", "--server-address={\"host\":\"10.0.0.1\",\"port\":80}", "--ratio=0.25"});
  EXPECT_EQ(s.x, 2);
  EXPECT_EQ(s.server_address.host, "10.0.0.1");
  EXPECT_EQ(s.server_address.port, 80);
  EXPECT_EQ(s.ratio, 0.25);
  EXPECT_EQ(decode({"--server_address={\"port\":81}"}).server_address.port, 81);
}

TEST(settings_decode, a_partial_struct_keeps_the_other_defaults) {
  auto s = decode({"--server-address={\"port\":5051}"});
  EXPECT_EQ(s.server_address.host, "127.0.0.1");
  EXPECT_EQ(s.server_address.port, 5051);
}

TEST(settings_decode, text_types_take_the_raw_text) {
  auto s = decode({"--name=b c \"q\"", "--mode=FAST"});
  EXPECT_EQ(s.name, "b c \"q\"");
  EXPECT_EQ(s.mode, test_settings::speed::FAST);
  EXPECT_EQ(decode({"--name="}).name, "");
}

TEST(settings_decode, containers_and_maps_as_lists_of_pairs) {
  auto s = decode({"--names=[\"a\",\"b c\"]", "--table=[[\"a\",1]]", "--grid=[[0.5,1.0]]"});
  EXPECT_EQ(s.names, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(s.table.at("a"), 1);
  EXPECT_EQ(s.grid, (std::vector<std::vector<double>>{{0.5, 1.0}}));
}

TEST(settings_decode, short_form_is_the_acronym) {
  auto s = decode({"-x=7", "-sa={\"port\":9}", "-r=0.75"});
  EXPECT_EQ(s.x, 7);
  EXPECT_EQ(s.server_address.port, 9);
  EXPECT_EQ(s.ratio, 0.75);
}

TEST(settings_decode, the_last_repeat_wins) {
  EXPECT_EQ(decode({"--x=1", "--x=5"}).x, 5);
  EXPECT_EQ(decode({"-x=1", "-x=6"}).x, 6);
}

TEST(settings_decode, a_bool_flag_without_value_is_true) {
  EXPECT_TRUE(decode({"--flag"}).flag);
  EXPECT_FALSE(decode({"--flag=false"}).flag);
  EXPECT_EQ(error_of({"--flag=1"}), "cannot decode value for \"flag\" (no transform int/Boolean)");
}

TEST(settings_decode, an_optional_flag_without_value_is_none) {
  EXPECT_FALSE(decode({"--count=3", "--count"}).count.has_value());
  EXPECT_EQ(decode({"--count=3"}).count, 3);
}

TEST(settings_decode, a_required_flag_without_value_is_an_error) {
  EXPECT_EQ(error_of({"--x"}), "cannot decode value for \"x\" (no value)");
}

TEST(settings_decode, an_empty_value_is_an_error) {
  EXPECT_EQ(error_of({"--x="}), "cannot decode value for \"x\" (Expecting value: line 1 column 12 (char 11))");
  EXPECT_EQ(error_of({"--names="}), "cannot decode value for \"names\" (Expecting value: line 1 column 12 (char 11))");
}

TEST(settings_decode, kinds_are_strict) {
  EXPECT_EQ(error_of({"--ratio=1"}), "cannot decode value for \"ratio\" (no transform int/Float8)");
  EXPECT_EQ(error_of({"--x=1.0"}), "cannot decode value for \"x\" (no transform float/Integer8)");
}

TEST(settings_decode, a_bad_value_names_the_flag_as_typed_and_the_path) {
  EXPECT_EQ(error_of({"--names=[1]"}), "cannot decode value for \"names\", near \"[0]\" (no transform int/Unicode)");
  EXPECT_EQ(error_of({"-sa={\"host\":1}"}),
            "cannot decode value for \"sa\", near \"host\" (no transform int/Unicode)");
  EXPECT_EQ(error_of({"--x=abc"}), "cannot decode value for \"x\" (Expecting value: line 1 column 11 (char 10))");
  EXPECT_EQ(error_of({"--mode=MEDIUM"}), "cannot decode value for \"mode\" (undefined enum \"MEDIUM\")");
}

TEST(settings_decode, unknown_flags_are_listed_long_then_short) {
  EXPECT_EQ(error_of({"-q", "--z=1"}), "unknown arguments (z, q)");
}

TEST(settings_decode, positional_words_are_refused) {
  EXPECT_EQ(error_of({"--x=1", "w1", "w2"}), "unexpected positional arguments (w1, w2)");
}

namespace {
struct with_words {
  int x = 0;
  std::vector<std::string> search;  // not a flag: the words
  static constexpr auto positional_words = &with_words::search;
};
BOOST_DESCRIBE_STRUCT(with_words, (), (x))
}  // namespace

TEST(settings_decode, positional_words_go_to_the_member_a_struct_names_for_them) {
  lc::command_line standard;
  auto s = lc::decode_settings<with_words>({"a.*", "--x=2", "b"}, standard);
  EXPECT_EQ(s.x, 2);
  EXPECT_EQ(s.search, (std::vector<std::string>{"a.*", "b"}));
}

namespace {
struct with_remainder {
  int x = 0;
  std::vector<std::string> others;  // the flags no field takes, to pass on
  static constexpr auto remainder_flags = &with_remainder::others;
};
BOOST_DESCRIBE_STRUCT(with_remainder, (), (x))
}  // namespace

TEST(settings_decode, remainder_flags_go_as_typed_to_the_member_a_struct_names_for_them) {
  lc::command_line standard;
  auto s = lc::decode_settings<with_remainder>({"--retry={\"step_limit\": 2}", "--x=2", "-q", "--home-path=h"}, standard);
  EXPECT_EQ(s.x, 2);
  EXPECT_EQ(standard.home_path, "h");
  EXPECT_EQ(s.others, (std::vector<std::string>{"--retry={\"step_limit\": 2}", "-q"}));
}

TEST(settings_decode, long_and_short_forms_together_are_refused) {
  EXPECT_EQ(error_of({"-x=3", "--x=4"}), "cannot decode value for \"x\" (use of both long and short forms)");
  EXPECT_EQ(error_of({"--x=3", "-x=4"}), "cannot decode value for \"x\" (use of both long and short forms)");
}

TEST(settings_decode, an_ambiguous_acronym_is_refused_with_the_long_form_to_use) {
  EXPECT_EQ(error_of({"-dr"}), "ambiguous short settings (dump_role, delete_role), use long form --dump-role=<value>");
}

TEST(settings_decode, a_setting_named_like_a_standard_flag_is_a_collision) {
  lc::command_line standard;
  try {
    lc::decode_settings<test_settings::clashing>({}, standard);
    FAIL() << "no collision reported";
  } catch (const lc::settings_error& e) {
    EXPECT_STREQ(e.what(), "collision in settings names - help, role_name");
  }
}

TEST(standard_flags, are_decoded_before_the_settings) {
  auto cl = decode_standard({"--debug-level=TRACE", "--child-process", "-fo", "--role-name=worker",
                             "--directory-scope=LIBRARY", "--connect-to-directory={\"host\":\"127.0.0.1\",\"port\":41234}",
                             "--encrypted-process=false", "--origin=RUN_CHILD", "--parent-pid=123", "--keep-logs"});
  EXPECT_EQ(cl.debug_level, lc::user_log::TRACE);
  EXPECT_TRUE(cl.child_process);
  EXPECT_TRUE(cl.full_output);
  EXPECT_EQ(cl.role_name, "worker");
  EXPECT_EQ(cl.directory_scope, lc::scope_of_directory::LIBRARY);
  ASSERT_TRUE(cl.connect_to_directory.has_value());
  EXPECT_EQ(cl.connect_to_directory->port, 41234);
  EXPECT_EQ(cl.origin, lc::process_origin::RUN_CHILD);
  EXPECT_EQ(cl.parent_pid, 123);
  EXPECT_TRUE(cl.keep_logs);
  EXPECT_TRUE(decode_standard({"-h"}).help);
  EXPECT_TRUE(decode_standard({"--dump-types"}).dump_types);
}

TEST(standard_flags, debug_level_is_upper_case_only_with_the_reference_text) {
  try {
    decode_standard({"--debug-level=debug"});
    FAIL() << "lower case accepted";
  } catch (const lc::settings_error& e) {
    EXPECT_STREQ(e.what(), "cannot decode value for \"debug-level\" (undefined enum \"USER_LOG.debug\")");
  }
}

TEST(settings_encode, follows_the_reference_child_command_line_table) {
  EXPECT_EQ(lc::encode_setting(std::int64_t{2}), "2");
  EXPECT_EQ(lc::encode_setting(0.25), "0.25");
  EXPECT_EQ(lc::encode_setting(1.0), "1.0");
  EXPECT_EQ(lc::encode_setting(true), "true");
  EXPECT_EQ(lc::encode_setting(false), "false");
  EXPECT_EQ(lc::encode_setting(std::vector<std::string>{"a", "b c"}), R"(["a", "b c"])");
  EXPECT_EQ(lc::encode_setting(std::map<std::string, std::int64_t>{{"a", 1}}), R"([["a", 1]])");
  EXPECT_EQ(lc::encode_setting(lc::HostPort{"127.0.0.1", 5050}), R"({"host": "127.0.0.1", "port": 5050})");
  EXPECT_EQ(lc::encode_setting(lc::scope_of_directory::LIBRARY), "LIBRARY");
  EXPECT_EQ(lc::encode_setting(std::string("b c")), "b c");
  EXPECT_EQ(lc::encode_setting(std::optional<std::int64_t>{}), std::nullopt);
}

TEST(settings_encode, writes_every_member_that_is_not_none) {
  sample s;
  s.x = 5;
  s.names = {"a", "b c"};
  auto args = lc::encode_settings(s);
  std::vector<std::string> expected{
      "--x=5", "--ratio=0.5", "--name=a", "--flag=false", "--names=[\"a\", \"b c\"]", "--table=[]",
      R"(--server-address={"host": "127.0.0.1", "port": 5050})", "--mode=SLOW", "--grid=[]"};
  EXPECT_EQ(args, expected);
}

TEST(settings_encode, library_flags_read_as_the_reference_writes_them) {
  lc::command_line cl;
  cl.directory_scope = lc::scope_of_directory::LIBRARY;
  cl.connect_to_directory = lc::HostPort{"127.0.0.1", 41234};
  auto args = lc::encode_settings(cl);
  EXPECT_NE(std::find(args.begin(), args.end(), "--directory-scope=LIBRARY"), args.end());
  EXPECT_NE(std::find(args.begin(), args.end(), R"(--connect-to-directory={"host": "127.0.0.1", "port": 41234})"),
            args.end());
}

TEST(settings_encode, decodes_back_to_the_same_settings) {
  sample s;
  s.x = -3;
  s.ratio = 1e-05;
  s.name = "with space, and \"quotes\"";
  s.flag = true;
  s.count = 0;
  s.names = {"α", "b\\c"};
  s.table = {{"k", 2}};
  s.server_address = {"::1", 1};
  s.mode = test_settings::speed::FAST;
  s.grid = {{0.1, 2.0}, {}};
  auto back = decode(lc::encode_settings(s));
  EXPECT_EQ(back.x, s.x);
  EXPECT_EQ(back.ratio, s.ratio);
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.flag, s.flag);
  EXPECT_EQ(back.count, s.count);
  EXPECT_EQ(back.names, s.names);
  EXPECT_EQ(back.table, s.table);
  EXPECT_EQ(back.server_address.host, s.server_address.host);
  EXPECT_EQ(back.mode, s.mode);
  EXPECT_EQ(back.grid, s.grid);
}
