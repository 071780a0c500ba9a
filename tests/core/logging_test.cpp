#include <regex>

#include "probe.hpp"

namespace {
void chatty(lc::channel& self) {
  self.trace("series", 1, 2);
  self.debug("only at DEBUG");
  self.console("hello");
}
}  // namespace

TEST(logging, lines_have_the_reference_format) {
  auto line = lc::detail::format_log_line('+', lc::address(0x13), "ListenConnect", "", "Created by <00000001>");
  std::regex format(R"(\[\d{8}\] \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} \+ <00000013>ListenConnect - Created by <00000001>\n)");
  EXPECT_TRUE(std::regex_match(line, format)) << line;
  auto with_state = lc::detail::format_log_line('<', lc::address(2), "gate", "OPEN", "x");
  EXPECT_NE(with_state.find("<00000002>gate[OPEN] - x"), std::string::npos);
}

TEST(logging, levels_parse_in_upper_case_only) {
  EXPECT_EQ(lc::parse_log_level("DEBUG"), lc::log_level::DEBUG);
  EXPECT_EQ(lc::parse_log_level("NONE"), lc::log_level::NONE);
  EXPECT_FALSE(lc::parse_log_level("debug").has_value());
}

TEST(logging, lifecycle_and_user_lines_appear_at_debug) {
  test::log_capture log(lc::log_level::DEBUG);
  lc::channel self;
  lc::bind(chatty, "chatty");
  auto child = self.create(chatty);
  test::returned(self);
  auto p = child.to_string() + "chatty - ";
  EXPECT_TRUE(log.contains("+ " + p + "Created by " + self.self_address().to_string()));
  EXPECT_TRUE(log.contains("~ " + p + "series 1 2"));
  EXPECT_TRUE(log.contains("_ " + p + "only at DEBUG"));
  EXPECT_TRUE(log.contains("^ " + p + "hello"));
  EXPECT_TRUE(log.contains("X " + p + "Destroyed"));
}

TEST(logging, a_higher_level_hides_lower_tags) {
  test::log_capture log(lc::log_level::CONSOLE);
  lc::channel self;
  lc::bind(chatty, "chatty");
  self.create(chatty);
  test::returned(self);
  auto lines = log.snapshot();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("^ "), std::string::npos);
}

TEST(logging, sent_lines_name_the_message_and_target) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  lc::channel other("other");
  self.send(Xy{}, other.self_address());
  EXPECT_TRUE(log.contains("> " + self.self_address().to_string() + "channel - Sent Xy to " + other.self_address().to_string()));
}

TEST(logging, nothing_is_written_at_none) {
  test::log_capture log(lc::log_level::NONE);
  lc::channel self;
  lc::bind(chatty, "chatty");
  self.create(chatty);
  test::returned(self);
  EXPECT_TRUE(log.snapshot().empty());
}

TEST(logging, keyword_pairs_follow_the_text_in_parentheses_joined_by_commas) {
  EXPECT_EQ(lc::detail::join_words("series", lc::kv("a", 1), lc::kv("b", 2)), "series (a=1,b=2)");
  EXPECT_EQ(lc::detail::join_words(lc::kv("only", "kv"), lc::kv("pairs", 2)), "only=kv,pairs=2");
  EXPECT_EQ(lc::detail::join_words("a", 1, 2.5), "a 1 2.5");
}
