#include "http_mapping.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "test_types.hpp"

using namespace lc::detail;
using test_api::Big;

namespace {

http_type_table served() { return make_type_table({lc::form_of<test_api::Xy>(), lc::form_of<Big>()}); }

http_mapped get(std::string target, std::string method = "GET", std::string content_type = "", std::string body = "") {
  static auto types = served();
  return map_request(types, {method, target, content_type, body});
}

std::string explanation(const http_mapped& m) {
  auto* f = m.value.get<lc::Faulted>();
  return f ? f->to_string() : "(not a fault)";
}

}  // namespace

TEST(http_mapping, a_query_becomes_the_named_message_with_fields_converted_by_type) {
  auto m = get("/Xy?x=2&y=3");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.value.get<test_api::Xy>()->x, 2);
  EXPECT_EQ(m.value.get<test_api::Xy>()->y, 3);
  auto big = get("/api/v1/Big?s=hello+world%21&f=2.0&b=true&v=[1,2]&o=null");
  ASSERT_EQ(big.status, 200) << explanation(big);
  const Big* b = big.value.get<Big>();
  EXPECT_EQ(b->s, "hello world!");
  EXPECT_EQ(b->f, 2.0);
  EXPECT_TRUE(b->b);
  EXPECT_EQ(b->v, (std::vector<std::int64_t>{1, 2}));
  EXPECT_FALSE(b->o);
  EXPECT_EQ(get("/Big?s=null").value.get<Big>()->s, "null");  // text types take the raw text
}

TEST(http_mapping, a_get_without_query_or_with_an_empty_one_gives_the_defaults) {
  EXPECT_EQ(get("/Xy").value.get<test_api::Xy>()->x, 1);
  EXPECT_EQ(get("/Xy?").value.get<test_api::Xy>()->y, 1);
}

TEST(http_mapping, json_and_form_bodies_become_messages) {
  auto json = get("/Xy", "POST", "application/json", R"({"value":{"x":3,"y":4}})");
  ASSERT_EQ(json.status, 200) << explanation(json);
  EXPECT_EQ(json.value.get<test_api::Xy>()->y, 4);
  EXPECT_EQ(get("/Xy", "POST", "application/json; charset=utf-8", R"({"value":{"x":5}})").value.get<test_api::Xy>()->x, 5);
  EXPECT_EQ(get("/Xy", "POST", "application/json", "").value.get<test_api::Xy>()->x, 1);
  auto form = get("/Xy", "POST", "application/x-www-form-urlencoded", "x=8&y=9");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.value.get<test_api::Xy>()->x, 8);
}

TEST(http_mapping, every_bad_request_is_a_fault_with_the_status_and_the_request_named) {
  struct row {
    http_mapped got;
    int status;
    std::string text;
  };
  row rows[] = {
      {get("/Nope?x=1"), 404, "cannot recover request \"/Nope?x=1\" (no message named \"Nope\" is served here)"},
      {get("/"), 404, "cannot recover request \"/\" (no message name in the request URI)"},
      {get("/Xy?x=abc"), 400, "cannot recover request \"/Xy?x=abc\" (no conversion for \"x\" (cannot decode ("},
      {get("/Xy?z=1"), 400, "cannot recover request \"/Xy?z=1\" (\"Xy\" has no field \"z\")"},
      {get("/Xy?x"), 400, "cannot recover request \"/Xy?x\" (field \"x\" has no value)"},
      {get("/Big?f=2"), 400, "(no conversion for \"f\" (cannot decode (no transform int/Float8)))"},
      {get("/Xy", "POST", "application/json", R"({"x":3})"), 400, "(cannot decode (no \"value\" available))"},
      {get("/Xy", "PUT", "application/json", R"({"value":{}})"), 400, "a JSON body needs POST, not \"PUT\""},
      {get("/Xy", "POST", "application/x-www-form-urlencoded", "x=1&"), 400, "empty field in form body"},
      {get("/Xy", "POST", "text/plain", "x=1"), 400, "unexpected content type \"text/plain\" for a body"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(r.got.status, r.status) << r.text;
    EXPECT_NE(explanation(r.got).find(r.text), std::string::npos) << explanation(r.got);
    ASSERT_TRUE(r.got.value.get<lc::Faulted>());
    EXPECT_EQ(r.got.value.get<lc::Faulted>()->error_code, r.status);
  }
}

TEST(http_mapping, a_reply_becomes_a_response_in_the_reference_layout) {
  std::string ok = response_for(lc::message(table{{0.25}}));
  static const std::regex layout(
      "HTTP/1\\.1 200 OK\r\nDate: [A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n"
      "Server: Layer-Cake-API-server/1\\.0\r\nContent-Length: 48\r\nContent-Type: application/json\r\n\r\n"
      "\\{\"value\":\\[\"vector<vector<float8>>\",\\[\\[0\\.25\\]\\],\\[\\]\\]\\}");
  EXPECT_TRUE(std::regex_match(ok, layout)) << ok;
  EXPECT_TRUE(response_for(lc::message(lc::Faulted("x", {}, 404))).starts_with("HTTP/1.1 404 Not Found\r\n"));
  EXPECT_TRUE(response_for(lc::message(lc::Busy("busy"))).starts_with("HTTP/1.1 500 Server Error\r\n"));
  EXPECT_TRUE(response_for(lc::message(lc::Faulted("x", {}, 700))).starts_with("HTTP/1.1 500 Server Error\r\n"));
  lc::HttpResponse custom;
  custom.status_code = 201;
  custom.reason_phrase = "Created";
  custom.body = "made";
  std::string made = response_for(lc::message(custom), false);
  EXPECT_TRUE(made.starts_with("HTTP/1.1 201 Created\r\n"));
  EXPECT_NE(made.find("Content-Length: 4\r\nContent-Type: plain/text\r\nConnection: close\r\n\r\nmade"), std::string::npos);
  for (int status : {200, 400, 404, 413, 431, 500, 503, 504, 302, 101, 418})
    EXPECT_LE(reason_for(status).size(), 16u) << status;
}
