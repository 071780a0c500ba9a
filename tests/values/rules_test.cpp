// The decoding rules of wire-contract.md §2.3-2.4 and the codec's own choices.
#include <gtest/gtest.h>

#include "test_types.hpp"

namespace {

using namespace codec_test;
using table = std::vector<std::vector<double>>;

enum class Colour { RED, GREEN };
BOOST_DESCRIBE_ENUM(Colour, RED, GREEN)

struct Inner {
  std::int64_t a = 0;
  Colour colour = Colour::RED;
};
BOOST_DESCRIBE_STRUCT(Inner, (), (a, colour))

struct Outer {
  std::vector<Inner> vi;
  std::optional<std::string> maybe = "x";
  double f = 2.5;
  bool b = true;
  std::map<std::string, std::int64_t> m;
  std::array<std::int32_t, 3> fixed{7, 7, 7};
};
BOOST_DESCRIBE_STRUCT(Outer, (), (vi, maybe, f, b, m, fixed))

}  // namespace

LC_MESSAGE(Colour, "types_demo.Colour")

namespace {

std::string error_of(const std::function<void()>& decode) {
  try {
    decode();
  } catch (const lc::codec_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(codec_rules, extra_members_are_ignored_and_missing_ones_keep_defaults) {
  auto o = lc::decode<Outer>(R"({"value":{"f":1.5,"unknown":[1,2,{"z":null}]}})");
  EXPECT_EQ(o.f, 1.5);
  EXPECT_EQ(o.maybe, "x");
  EXPECT_TRUE(o.b);
}

TEST(codec_rules, json_kinds_are_strict) {
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"f":1}})"); }), R"(cannot decode, near "f" (no transform int/Float8))");
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"b":1}})"); }), R"(cannot decode, near "b" (no transform int/Boolean))");
  EXPECT_EQ(error_of([] { lc::decode<Xy>(R"({"value":{"x":false}})"); }), R"(cannot decode, near "x" (no transform bool/Integer8))");
  EXPECT_EQ(error_of([] { lc::decode<table>(R"({"value":[[0.5,"1"]]})"); }), R"(cannot decode, near "[0][1]" (no transform str/Float8))");
}

TEST(codec_rules, an_error_names_the_path_through_members_and_indexes) {
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"vi":[{"a":1},{"a":"2"}]}})"); }),
            R"(cannot decode, near "vi[1].a" (no transform str/Integer8))");
}

TEST(codec_rules, maps_are_lists_of_pairs) {
  auto o = lc::decode<Outer>(R"({"value":{"m":[["a",1],["b",2]]}})");
  EXPECT_EQ(o.m, (std::map<std::string, std::int64_t>{{"a", 1}, {"b", 2}}));
  EXPECT_EQ(lc::encode(o.m), R"({"value":[["a",1],["b",2]]})");
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"m":{"a":1}}})"); }), R"(cannot decode, near "m" (no transform dict/MapOf))");
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"m":[["a"]]}})"); }), R"(cannot decode, near "m" (list index out of range))");
}

TEST(codec_rules, enums_travel_by_name_and_an_unknown_name_is_refused) {
  EXPECT_EQ(lc::encode(Inner{3, Colour::GREEN}), R"({"value":{"a":3,"colour":"GREEN"}})");
  EXPECT_EQ(lc::decode<Inner>(R"({"value":{"colour":"GREEN"}})").colour, Colour::GREEN);
  EXPECT_EQ(error_of([] { lc::decode<Inner>(R"({"value":{"colour":"BLUE"}})"); }),
            R"(cannot decode, near "colour" (undefined enum "Colour.BLUE"))");
}

TEST(codec_rules, null_empties_an_optional_keeps_a_scalar_default_and_refuses_a_structure) {
  auto o = lc::decode<Outer>(R"({"value":{"maybe":null,"f":null}})");
  EXPECT_FALSE(o.maybe.has_value());
  EXPECT_EQ(o.f, 2.5);
  EXPECT_EQ(error_of([] { lc::decode<Outer>(R"({"value":{"vi":null}})"); }), R"(cannot decode, near "vi" (null structure))");
  EXPECT_EQ(error_of([] { lc::decode<std::vector<double>>(R"({"value":[1.0,null]})"); }),
            R"(cannot decode, near "[1]" (no transform NoneType/Float8))");
}

TEST(codec_rules, nan_and_infinity_are_accepted_as_json_loads_accepts_them) {
  auto v = lc::decode<std::vector<double>>(R"({"value":[NaN, Infinity, -Infinity, 1.5]})");
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(std::isnan(v[0]));
  EXPECT_EQ(v[1], std::numeric_limits<double>::infinity());
  EXPECT_EQ(v[2], -std::numeric_limits<double>::infinity());
  EXPECT_EQ(v[3], 1.5);
}

TEST(codec_rules, an_integer_that_does_not_fit_is_refused_not_wrapped) {
  EXPECT_EQ(error_of([] { lc::decode<std::int32_t>(R"({"value":4294967296})"); }),
            "cannot decode (4294967296 out of range for Integer4)");
  EXPECT_EQ(error_of([] { lc::decode<std::uint8_t>(R"({"value":-1})"); }), "cannot decode (-1 out of range for Byte)");
}

TEST(codec_rules, an_array_is_padded_with_defaults_or_cut_to_its_size) {
  EXPECT_EQ(lc::decode<Outer>(R"({"value":{"fixed":[1]}})").fixed, (std::array<std::int32_t, 3>{1, 0, 0}));
  EXPECT_EQ(lc::decode<Outer>(R"({"value":{"fixed":[1,2,3,4]}})").fixed, (std::array<std::int32_t, 3>{1, 2, 3}));
}

TEST(codec_rules, the_fast_table_road_refuses_what_the_general_road_refuses) {
  EXPECT_EQ(error_of([] { lc::decode<table>(R"({"value":[[1.0],[2]]})"); }), R"(cannot decode, near "[1][0]" (no transform int/Float8))");
  EXPECT_EQ(error_of([] { lc::decode<table>(R"({"value":[[1.0],[2.0]]} x)"); }),
            "cannot decode (Extra data: line 1 column 25 (char 24))");
  EXPECT_EQ(lc::decode<table>(" {\"value\" : [ [ 1.0 , 2e3 ] , [ ] ] } "), (table{{1.0, 2000.0}, {}}));
  EXPECT_EQ(lc::decode<table>(R"({"pointer":[],"value":[[0.5]]})"), (table{{0.5}}));
}

TEST(codec_rules, the_fast_table_road_reads_only_json_float_texts) {
  for (const char* bad : {"01.5", "1.", ".5", "-.5", "1.e5", "1e", "1e+", "-", "+1.0", "0x1p3", "inf", "1"}) {
    std::string text = std::string(R"({"value":[[0.5,)") + bad + "]]}";
    EXPECT_THROW(lc::decode<table>(text), lc::codec_error) << text;
  }
  EXPECT_EQ(lc::decode<table>(R"({"value":[[-0.5,1E+2,0e0,1.5e-3,-2.0E1,NaN]]})")[0].size(), 6u);
  EXPECT_EQ(lc::decode<table>(R"({"value":[[-0.5,1E+2,0e0,1.5e-3,-2.0E1]]})"),
            (table{{-0.5, 100.0, 0.0, 0.0015, -20.0}}));
}

TEST(codec_rules, json_loads_error_texts_count_characters_lines_and_columns) {
  EXPECT_EQ(error_of([] { lc::parse_json("[\"\xc3\xa9\",\n  tru]"); }),
            "cannot decode (Expecting value: line 2 column 3 (char 8))");
  EXPECT_EQ(error_of([] { lc::parse_json(R"({"a" 1})"); }), "cannot decode (Expecting ':' delimiter: line 1 column 6 (char 5))");
  EXPECT_EQ(error_of([] { lc::parse_json(R"([1 2])"); }), "cannot decode (Expecting ',' delimiter: line 1 column 4 (char 3))");
  EXPECT_EQ(error_of([] { lc::parse_json(R"("\x")"); }), "cannot decode (Invalid \\escape: line 1 column 2 (char 1))");
  EXPECT_EQ(error_of([] { lc::parse_json("\"ab\x01\""); }), "cannot decode (Invalid control character at: line 1 column 4 (char 3))");
  EXPECT_EQ(error_of([] { lc::parse_json(R"("abc)"); }), "cannot decode (Unterminated string starting at: line 1 column 1 (char 0))");
  EXPECT_EQ(error_of([] { lc::parse_json(R"("\u12")"); }), "cannot decode (Invalid \\uXXXX escape: line 1 column 3 (char 2))");
}

TEST(codec_rules, an_any_with_a_known_signature_but_bad_value_names_the_inner_path) {
  EXPECT_EQ(error_of([] { lc::decode_any(R"({"value":["test_api.Xy",[],[]]})"); }), "cannot decode (no transform list/UserDefined)");
  EXPECT_EQ(error_of([] { lc::decode_any(R"({"value":{"x":1}})"); }), "cannot decode (no transform dict/Any)");
}

}  // namespace
