// Every line of golden/codec.jsonl and golden/float-repr.jsonl, from the Python original.
//
// Deviations, where C++ cannot hold what Python holds (each case still encodes byte-exact):
//  - null_unicode/null_integer8/null_float8/null_bool ("None cast to X"): C++ writes them from
//    std::optional<X> with lc::encode_as_any; decode_any of such a triple is refused
//    ("no transform NoneType/Unicode"), decode_as_any<std::optional<X>> reads it back.
//  - xy_nulls: Xy's members are std::int64_t, so Xy(None, None) is written from an optional twin.
//    Decoding it into Xy keeps the defaults (1, 1), exactly as the reference does.
//  - Close/KeepAlive/StillThere belong to the network area; they are mirrored in test_types.hpp.
// Decode cases: every error text is reproduced exactly, json.loads' parse messages included.
#include <bit>
#include <fstream>
#include <functional>
#include <map>

#include "lc/portable_ordered_map.hpp"

#include <gtest/gtest.h>

#include "golden_lines.hpp"
#include "test_types.hpp"

namespace {

using namespace codec_test;
using table = std::vector<std::vector<double>>;

// How one encode case is written, and how its golden text is read back and written again.
struct encode_case {
  std::function<std::string()> encode;
  std::function<std::string(const std::string&)> re_encode;
};

encode_case any_message(lc::message m) {
  return {[m] { return lc::encode_any(m); }, [](const std::string& s) { return lc::encode_any(lc::decode_any(s)); }};
}
template <class T>
encode_case cast(T value) {
  return {[value] { return lc::encode_as_any(value); },
          [](const std::string& s) { return lc::encode_as_any(lc::decode_as_any<T>(s)); }};
}
template <class T>
encode_case concrete(T value) {
  return {[value] { return lc::encode(value); }, [](const std::string& s) { return lc::encode(lc::decode<T>(s)); }};
}

lc::Faulted faulted_all() { return lc::Faulted("bad thing", "why \"quoted\"", 404, 3); }

const std::map<std::string, encode_case>& encode_cases() {
  static const table t2x2{{0.1, 0.5}, {1.0, 0.0001}};
  static const std::map<std::string, encode_case> cases{
      {"table_2x2", any_message(t2x2)},
      {"table_3x1", any_message(table{{100000.0}, {1e16}, {1e-05}})},
      {"table_1x4_misc", any_message(table{{0.7121297344671714, 123456.789, -2.5, 0.0}})},
      {"table_empty", any_message(table{})},
      {"table_empty_rows", any_message(table{{}, {}})},
      {"table_2x2_concrete", concrete(t2x2)},
      {"xy_2_3", any_message(Xy{2, 3})},
      {"xy_2_3_concrete", concrete(Xy{2, 3})},
      {"xy_default", any_message(Xy{})},
      {"xy_negative_big", any_message(Xy{-7, 9007199254740993})},
      {"xy_nulls", cast(NullableXy{std::nullopt, std::nullopt})},
      {"faulted_all", any_message(faulted_all())},
      {"faulted_default", any_message(lc::Faulted{})},
      {"aborted", any_message(lc::Aborted{})},
      {"timed_out", any_message(lc::TimedOut{})},
      {"timed_out_timer", any_message(lc::TimedOut(lc::Ack{}))},
      {"busy", any_message(lc::Busy("busy", "too many"))},
      {"busy_default", any_message(lc::Busy{})},
      {"overloaded", any_message(lc::Overloaded("overloaded"))},
      {"ack", any_message(lc::Ack{})},
      {"nak", any_message(lc::Nak{})},
      {"start", any_message(lc::Start{})},
      {"stop", any_message(lc::Stop{})},
      {"returned_table", any_message(lc::Returned{t2x2})},
      {"returned_xy", any_message(lc::Returned{Xy{2, 3}})},
      {"returned_none", any_message(lc::Returned{})},
      {"hostport", any_message(lc::HostPort{"127.0.0.1", 5050})},
      {"hostport_concrete", concrete(lc::HostPort{"127.0.0.1", 5050})},
      {"map_unicode_integer8", cast(std::map<std::string, std::int64_t>{{"a", 1}, {"b", -2}, {"z\xc3\xa9", 3}})},
      {"map_unicode_integer8_empty", cast(std::map<std::string, std::int64_t>{})},
      {"map_integer8_unicode", cast(lc::ordered_map<std::int64_t, std::string>{{1, "a"}, {2, "two"}, {-3, ""}})},
      {"vector_unicode", cast(std::vector<std::string>{"plain", "h\xc3\xa9llo", "say \"hi\"", "back\\slash", "tab\tnl\n",
                                                       "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80", "", "/"})},
      {"vector_unicode_concrete", concrete(std::vector<std::string>{"a", "\xc3\xa9"})},
      {"bool_true", cast(true)},
      {"bool_false", cast(false)},
      {"int_7", cast(std::int64_t{7})},
      {"int_neg", cast(std::numeric_limits<std::int64_t>::min())},
      {"int_zero", cast(std::int64_t{0})},
      {"float_1", cast(1.0)},
      {"float_0_1", cast(0.1)},
      {"float_1e20", cast(1e20)},
      {"float_neg_zero", cast(-0.0)},
      {"float_nan", cast(std::numeric_limits<double>::quiet_NaN())},
      {"float_inf", cast(std::numeric_limits<double>::infinity())},
      {"float_ninf", cast(-std::numeric_limits<double>::infinity())},
      {"unicode_hello", cast(std::string("hello"))},
      {"unicode_special", cast(std::string("q\"b\\s/\xc3\xa9\x01\x7f\xf0\x9f\x98\x80"))},
      {"unicode_empty", cast(std::string())},
      {"null_any", any_message(lc::message{})},
      {"null_unicode", cast(std::optional<std::string>{})},
      {"null_integer8", cast(std::optional<std::int64_t>{})},
      {"null_float8", cast(std::optional<double>{})},
      {"null_bool", cast(std::optional<bool>{})},
      {"faulted_nulls", any_message(lc::Faulted{})},
      {"nested_any_returned_returned", any_message(lc::Returned{lc::message(lc::Returned{Xy{2, 3}})})},
      {"nested_any_anything", any_message(lc::Anything{lc::message(lc::Returned{table{{0.5}}})})},
      {"close_ack", cast(Close{lc::Ack{}, EndOfTransport::WENT_STALE, "x", std::nullopt})},
      {"keepalive", cast(KeepAlive{60.0})},
      {"stillthere", cast(StillThere{58.25})},
      {"map_unicode_any", cast(lc::ordered_map<std::string, lc::message>{{"xy", Xy{2, 3}}, {"n", {}}, {"t", table{{1.0}}}})},
      {"type_value", cast(lc::type_name_value{"test_api.Xy"})},
  };
  return cases;
}

// Decodes `input` against the case's type; the error text, or "" when it decodes.
std::string decode_error(const std::string& type, const std::string& input) {
  static const std::map<std::string, std::function<void(const std::string&)>> decoders{
      {"test_api.Xy", [](const std::string& s) { lc::decode<Xy>(s); }},
      {"any", [](const std::string& s) { lc::decode_any(s); }},
      {"vector<vector<float8>>", [](const std::string& s) { lc::decode<table>(s); }},
      {"map<unicode,integer8>", [](const std::string& s) { lc::decode<std::map<std::string, std::int64_t>>(s); }},
      {"layer_cake.point_runtime.Returned", [](const std::string& s) { lc::decode<lc::Returned>(s); }},
  };
  auto found = decoders.find(type);
  if (found == decoders.end()) return "no decoder for type " + type;
  try {
    found->second(input);
  } catch (const lc::codec_error& e) {
    return e.what();
  }
  return "";
}

TEST(codec_golden, every_encode_case_is_byte_exact) {
  int checked = 0;
  for (const auto& line : read_lines("codec.jsonl")) {
    if (!line.contains("encoded")) continue;
    auto name = text(line.at("case"));
    SCOPED_TRACE(name);
    auto found = encode_cases().find(name);
    ASSERT_NE(found, encode_cases().end()) << "no C++ value for golden case " << name;
    EXPECT_EQ(found->second.encode(), text(line.at("encoded")));
    ++checked;
  }
  EXPECT_EQ(checked, 61);
}

TEST(codec_golden, every_encoded_case_decodes_and_encodes_again_unchanged) {
  for (const auto& line : read_lines("codec.jsonl")) {
    if (!line.contains("encoded")) continue;
    auto name = text(line.at("case"));
    SCOPED_TRACE(name);
    auto found = encode_cases().find(name);
    ASSERT_NE(found, encode_cases().end());
    auto golden = text(line.at("encoded"));
    EXPECT_EQ(found->second.re_encode(golden), golden);
  }
}

TEST(codec_golden, every_decode_case_fails_with_the_reference_text) {
  int checked = 0;
  for (const auto& line : read_lines("codec.jsonl")) {
    if (!line.contains("input")) continue;
    auto name = text(line.at("case"));
    SCOPED_TRACE(name);
    auto expected = line.at("error").is_null() ? std::string() : text(line.at("error"));
    EXPECT_EQ(decode_error(text(line.at("type")), text(line.at("input"))), expected);
    ++checked;
  }
  EXPECT_EQ(checked, 17);
}

TEST(codec_golden, a_missing_member_keeps_its_default) {
  EXPECT_EQ(lc::decode<Xy>(R"({"value":{"y":5}})"), (Xy{1, 5}));
}

TEST(codec_golden, an_unknown_signature_becomes_an_incognito_that_encodes_unchanged) {
  std::string input = R"({"value":["nowhere.Thing",{"a":1},[]]})";
  auto m = lc::decode_any(input);
  const auto* unknown = m.get<lc::Incognito>();
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->type_name, "nowhere.Thing");
  EXPECT_EQ(unknown->word, R"({"a":1})");
  EXPECT_EQ(lc::encode_any(m), input);
}

TEST(codec_golden, every_float_is_written_as_python_repr_writes_it) {
  int checked = 0;
  for (const auto& line : read_lines("float-repr.jsonl")) {
    auto bits = std::stoull(text(line.at("bits")), nullptr, 16);
    double value = std::bit_cast<double>(static_cast<std::uint64_t>(bits));
    SCOPED_TRACE(text(line.at("bits")));
    std::string written;
    lc::write_float(value, written);
    EXPECT_EQ(written, text(line.at("text")));
    EXPECT_EQ(lc::encode_as_any(value), text(line.at("encoded")));
    double back = lc::decode_as_any<double>(text(line.at("encoded")));
    if (std::isnan(value)) EXPECT_TRUE(std::isnan(back));
    else EXPECT_EQ(std::bit_cast<std::uint64_t>(back), bits);
    ++checked;
  }
  EXPECT_EQ(checked, 200);
}

TEST(codec_golden, a_row_of_floats_is_written_as_python_writes_the_list) {
  std::vector<double> row;
  std::string expected = "[";
  for (const auto& line : read_lines("float-repr.jsonl")) {
    row.push_back(std::bit_cast<double>(static_cast<std::uint64_t>(std::stoull(text(line.at("bits")), nullptr, 16))));
    if (row.size() > 1) expected += ',';
    expected += text(line.at("text"));
  }
  expected += ']';
  ASSERT_EQ(row.size(), 200u);  // more than one stack buffer's worth
  EXPECT_EQ(lc::encode_as_any(row), R"({"value":["vector<float8>",)" + expected + ",[]]}");
  EXPECT_EQ(lc::encode_as_any(std::vector<double>{}), R"({"value":["vector<float8>",[],[]]})");
}

}  // namespace
