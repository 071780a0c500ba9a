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
