#include "lc/pretty_json.hpp"

#include <gtest/gtest.h>

using lc::detail::pretty_json;

// Expected texts are Python's json.dumps(value, indent=4) and json.dumps(value) of the same data.
constexpr const char* table_compact = R"({"value":["vector<vector<float8>>",[[0.93,0.66],[],[1e-05,{}]],[]]})";

TEST(pretty_json, indents_by_four_as_python_json_dumps) {
  EXPECT_EQ(pretty_json(table_compact, 4), R"({
    "value": [
        "vector<vector<float8>>",
        [
            [
                0.93,
                0.66
            ],
            [],
            [
                1e-05,
                {}
            ]
        ],
        []
    ]
})");
}

TEST(pretty_json, one_line_uses_python_default_separators) {
  EXPECT_EQ(pretty_json(table_compact, -1),
            R"({"value": ["vector<vector<float8>>", [[0.93, 0.66], [], [1e-05, {}]], []]})");
}

TEST(pretty_json, leaves_punctuation_inside_strings_alone) {
  const char* compact = R"(["a, b: [c]","q\"uote\\\\",{"k":[1,{"z":null}],"e":[]}])";
  EXPECT_EQ(pretty_json(compact, -1), R"(["a, b: [c]", "q\"uote\\\\", {"k": [1, {"z": null}], "e": []}])");
  EXPECT_EQ(pretty_json(compact, 4), R"([
    "a, b: [c]",
    "q\"uote\\\\",
    {
        "k": [
            1,
            {
                "z": null
            }
        ],
        "e": []
    }
])");
}

TEST(pretty_json, keeps_number_texts_verbatim) {
  EXPECT_EQ(pretty_json("[0.7121297344671714,1e+16,1000000000000000.0,-0.0]", -1),
            "[0.7121297344671714, 1e+16, 1000000000000000.0, -0.0]");
}

TEST(pretty_json, scalars_and_empty_containers_pass_through) {
  EXPECT_EQ(pretty_json("{}", 4), "{}");
  EXPECT_EQ(pretty_json("[]", 4), "[]");
  EXPECT_EQ(pretty_json("42", 4), "42");
  EXPECT_EQ(pretty_json("\"text\"", 4), "\"text\"");
}

// Expected: json.dumps(json.loads(text), sort_keys=True, ...) of the same text; astral keys sort
// after \uffff (code points, not UTF-16 units) and an escaped quote as the quote it stands for.
TEST(pretty_json, sorted_keys_order_members_by_code_point_as_python_sorts_str) {
  constexpr const char* unsorted =
      R"({"z":1,"\u00e9":[{"b":1e+16,"a":0.1}],"\uffff":2,"\ud834\udd1e":3,"a\"b":4,"a#":5,"":{}})";
  using lc::detail::key_order;
  EXPECT_EQ(pretty_json(unsorted, -1, key_order::sorted),
            R"({"": {}, "a\"b": 4, "a#": 5, "z": 1, "\u00e9": [{"a": 0.1, "b": 1e+16}], "\uffff": 2, "\ud834\udd1e": 3})");
  EXPECT_EQ(pretty_json(unsorted, 4, key_order::sorted), R"({
    "": {},
    "a\"b": 4,
    "a#": 5,
    "z": 1,
    "\u00e9": [
        {
            "a": 0.1,
            "b": 1e+16
        }
    ],
    "\uffff": 2,
    "\ud834\udd1e": 3
})");
}

TEST(pretty_json, sorted_keys_ends_on_malformed_text) {
  for (const char* bad : {"{", "[1,", R"({"a":})", R"({"a" 1 "b":2})", "]]", R"({"a":[1:2}]})", R"(")"})
    EXPECT_NO_THROW(pretty_json(bad, 4, lc::detail::key_order::sorted)) << bad;
}
