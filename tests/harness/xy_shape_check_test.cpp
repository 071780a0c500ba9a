#include "lc_harness/response_check.hpp"
#include "lc_harness/xy_body.hpp"
#include "lc_harness/xy_shape_check.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;

TEST(xy_shape_check, accepts_what_the_servers_send_at_every_size) {
  for (auto [x, y] : {std::pair{1, 1}, {8, 8}, {3, 7}, {17, 2}, {100, 100}, {33, 1}})
    for (unsigned seed : {1u, 2u, 3u}) EXPECT_EQ(check_xy_shape(make_xy_body(x, y, seed), x, y), body_verdict::ok) << x << "x" << y;
}

TEST(xy_shape_check, rejects_wrong_dimensions_envelope_and_signature) {
  const auto body = make_xy_body(8, 8);
  EXPECT_EQ(check_xy_shape(body, 8, 9), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_shape(body, 7, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_shape(body, 9, 8), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_shape(body, 8, 7), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_shape("{\"value\":[\"Faulted\",{}]}", 8, 8), body_verdict::bad_signature);
  EXPECT_EQ(check_xy_shape("<html>", 8, 8), body_verdict::bad_envelope);
  EXPECT_EQ(check_xy_shape(body.substr(0, body.size() - 1), 8, 8), body_verdict::bad_envelope);
}

TEST(xy_shape_check, rejects_bad_number_syntax_anywhere_in_a_row) {
  const auto body = make_xy_body(40, 3);
  // Every position of the first row, so that each lands once at each offset of a 16-byte block.
  const auto start = body.find("[[") + 2;
  const auto stop = body.find(']', start);
  for (auto at = start; at < stop; ++at) {
    for (char bad : {'x', ' ', '"', '['}) {
      auto b = body;
      b[at] = bad;
      EXPECT_NE(check_xy_shape(b, 40, 3), body_verdict::ok) << "'" << bad << "' at " << at;
    }
    if (body[at] == ',') {
      auto empty = body;
      empty.insert(at, ",");
      EXPECT_NE(check_xy_shape(empty, 40, 3), body_verdict::ok) << "empty value at " << at;
    }
  }
}

TEST(xy_shape_check, is_never_stricter_than_the_full_check) {
  const std::string_view forms[] = {"0", "0.5", "5e-05", "1e-07", "0.25"};
  std::string body = R"({"value":["vector<vector<float8>>",[[)";
  for (std::size_t i = 0; i < std::size(forms); ++i) body += std::string(i ? "," : "") + std::string(forms[i]);
  body += R"(]],[]]})";
  ASSERT_EQ(check_xy_body(body, 5, 1), body_verdict::ok);
  EXPECT_EQ(check_xy_shape(body, 5, 1), body_verdict::ok);
}

TEST(xy_shape_check, counts_values_of_rows_longer_than_255_blocks) {
  const auto body = make_xy_body(400, 2);  // about 7.6 kB per row: the byte counters are flushed
  EXPECT_EQ(check_xy_shape(body, 400, 2), body_verdict::ok);
  EXPECT_EQ(check_xy_shape(body, 399, 2), body_verdict::bad_dimensions);
  EXPECT_EQ(check_xy_shape(body, 401, 2), body_verdict::bad_dimensions);
  auto doubled = body;
  doubled.insert(doubled.find("[[") + 5000, ",0.5");  // one value more, deep inside the first row
  EXPECT_EQ(check_xy_shape(doubled, 400, 2), body_verdict::bad_dimensions);
}
