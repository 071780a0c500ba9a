#include "lc_harness/response_check.hpp"
#include "lc_harness/xy_body.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

TEST(response_check, a_generated_table_of_every_shape_is_accepted) {
  for (auto [x, y] : {std::pair{1, 1}, {8, 8}, {3, 7}, {100, 100}})
    EXPECT_EQ(check_xy_body(make_xy_body(x, y), x, y), body_verdict::ok) << x << "x" << y;
}

TEST(response_check, python_repr_forms_are_accepted) {
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[0.7121297344671714,1e-05],[0.0,9.5e-07]],[]]})", 2, 2),
            body_verdict::ok);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[0]],[]]})", 1, 1), body_verdict::ok);
}

TEST(response_check, wrong_dimensions_are_rejected) {
  EXPECT_EQ(check_xy_body(make_xy_body(8, 7), 8, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_body(make_xy_body(8, 9), 8, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_body(make_xy_body(7, 8), 8, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_body(make_xy_body(9, 8), 8, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[0.5],[]],[]]})", 1, 2), body_verdict::bad_dimensions);
}

TEST(response_check, values_outside_the_unit_interval_are_rejected) {
  for (const char* v : {"1.0", "1", "1e5", "0.5e1", "-0.1", "2e-0", "1.5"}) {
    const std::string body = std::string(R"({"value":["vector<vector<float8>>",[[)") + v + "]],[]]}";
    EXPECT_EQ(check_xy_body(body, 1, 1), body_verdict::out_of_range) << v;
  }
}

TEST(response_check, broken_envelopes_signatures_and_numbers_are_rejected) {
  EXPECT_EQ(check_xy_body("", 1, 1), body_verdict::bad_envelope);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<float8>",[[0.5]],[]]})", 1, 1), body_verdict::bad_signature);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[x]],[]]})", 1, 1), body_verdict::bad_number);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[0.5]],[]]} )", 1, 1), body_verdict::bad_envelope);
  EXPECT_EQ(check_xy_body(R"({"value":["vector<vector<float8>>",[[0.5]]]})", 1, 1), body_verdict::bad_envelope);
  EXPECT_EQ(check_xy_body(R"({"value":["Faulted",{"condition":"x"}]})", 1, 1), body_verdict::bad_signature);
}
