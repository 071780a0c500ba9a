// ResourceDispatch: from a FormRequest to a function, its arguments converted, and the answers
// for what cannot be dispatched or converted.
#include "lc/resource_dispatch.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "lc/runtime.hpp"

namespace rest_demo {
struct Item {
  std::optional<std::string> name;
  std::optional<std::int64_t> count;
};
BOOST_DESCRIBE_STRUCT(Item, (), (name, count))
}  // namespace rest_demo
LC_MESSAGE(rest_demo::Item, "rest_demo.Item")

namespace {

using rest_demo::Item;

const lc::ReForm form{"/{resource}(/{identity})?", {{"resource", R"(\w+)"}, {"identity", "[0-9]+"}}};

lc::FormRequest request(std::string method, std::string uri, std::optional<std::string> identity = {},
                        std::optional<std::string> body = {}, lc::header_map header = {}) {
  lc::FormRequest r;
  r.method = std::move(method);
  r.request = std::move(uri);
  r.form_entry = {{"identity", std::move(identity)}, {"resource", "item"}};
  r.header = std::move(header);
  r.body = std::move(body);
  return r;
}

// The reply `dispatch` gives to `r`, computed on an object (for its log and reply).
lc::message answer(const lc::ResourceDispatch& dispatch, const lc::FormRequest& r) {
  auto result = lc::run_main([&](lc::channel& self) -> lc::message { return dispatch.call(self, r); });
  return result;
}

// The reply's text, or its type's name when it is not text.
std::string text(const lc::message& m) {
  if (auto* s = m.get<std::string>()) return *s;
  if (auto* f = m.get<lc::Faulted>()) return "Faulted: " + f->condition + " " + f->explanation.value_or("");
  return "<" + m.type_name() + ">";
}

const lc::HttpResponse& response(const lc::message& m) {
  static const lc::HttpResponse none{.status_code = 0};
  return m.get<lc::HttpResponse>() ? *m.get<lc::HttpResponse>() : none;
}

lc::ResourceDispatch items() {
  lc::ResourceDispatch dispatch(form, lc::resources<Item>());
  dispatch.add<Item>(lc::HttpMethod::GET, [] { return lc::message(std::string("list")); });
  dispatch.add<Item>(lc::HttpMethod::GET, [](std::int64_t id) { return lc::message(std::string("read ") + std::to_string(id)); },
                     lc::entry<std::int64_t>("identity"));
  dispatch.add<Item>(lc::HttpMethod::PUT, [](const Item& item, std::int64_t id) {
    return lc::message(std::string("put ") + std::to_string(id) + " " + item.name.value_or("-"));
  }, lc::decode_resource, lc::entry<std::int64_t>("identity"));
  dispatch.add<Item>(lc::HttpMethod::POST, [](const lc::header_map& h, const std::optional<std::string>& body) {
    return lc::message(h.at("X") + "|" + body.value_or("none"));
  }, lc::request_header, lc::request_body);
  return dispatch;
}

}  // namespace

TEST(resource_dispatch, the_method_and_the_fields_present_choose_the_function) {
  auto dispatch = items();
  EXPECT_EQ(text(answer(dispatch, request("GET", "/item"))), "list");
  EXPECT_EQ(text(answer(dispatch, request("GET", "/item/7", "7"))), "read 7");
  EXPECT_EQ(text(answer(dispatch, request("PUT", "/item/7", "7", R"({"value":{"name":"a"}})"))), "put 7 a");
  EXPECT_EQ(text(answer(dispatch, request("POST", "/item", {}, "raw", {{"X", "x"}}))), "x|raw");
}

TEST(resource_dispatch, an_unknown_resource_or_method_is_400_with_the_reference_text) {
  auto dispatch = items();
  auto r = request("GET", "/thing");
  r.form_entry["resource"] = "thing";
  auto unknown = response(answer(dispatch, r));
  EXPECT_EQ(unknown.status_code, 400);
  EXPECT_EQ(unknown.body, "Cannot map request [GET] \"/thing\" (unusable resource, method or URI)");
  EXPECT_EQ(response(answer(dispatch, request("FETCH", "/item"))).status_code, 400);
}

TEST(resource_dispatch, a_method_the_resource_has_elsewhere_but_not_here_is_400_no_matching_call_signature) {
  lc::ResourceDispatch dispatch(form, lc::resources<Item>());
  dispatch.add<Item>(lc::HttpMethod::DELETE, [](std::int64_t) { return lc::message(std::string("gone")); },
                     lc::entry<std::int64_t>("identity"));
  auto r = response(answer(dispatch, request("DELETE", "/item")));
  EXPECT_EQ(r.status_code, 400);
  EXPECT_EQ(r.body, "Cannot map request [DELETE] \"/item\" (no matching call signature)");
}

TEST(resource_dispatch, a_method_with_no_function_where_others_have_one_is_405_with_allow) {
  auto dispatch = items();
  auto r = response(answer(dispatch, request("PATCH", "/item/7", "7")));
  EXPECT_EQ(r.status_code, 405);
  EXPECT_EQ(r.reason_phrase, "Not Allowed");
  EXPECT_EQ(r.header.at("Allow"), "GET, HEAD, PUT");
}

TEST(resource_dispatch, head_is_answered_by_the_get_function) {
  auto dispatch = items();
  EXPECT_EQ(text(answer(dispatch, request("HEAD", "/item/3", "3"))), "read 3");
}

TEST(resource_dispatch, a_body_that_does_not_decode_is_400_naming_the_fields_and_the_codec_error) {
  auto dispatch = items();
  auto r = response(answer(dispatch, request("PUT", "/item/7", "7", R"({"value":{"name":"a","count":"x"}})")));
  EXPECT_EQ(r.status_code, 400);
  EXPECT_EQ(r.body, "Cannot complete conversion \"identity=7,resource=item\" (cannot decode, near \"count\" (no transform str/Integer8))");
  auto missing = response(answer(dispatch, request("PUT", "/item/7", "7")));
  EXPECT_EQ(missing.status_code, 400);
  EXPECT_EQ(missing.body, "Cannot complete conversion \"identity=7,resource=item\" (no body to decode)");
}

TEST(resource_dispatch, a_body_of_another_media_type_is_415) {
  auto dispatch = items();
  auto r = response(answer(dispatch, request("PUT", "/item/7", "7", R"({"value":{}})", {{"Content-Type", "text/plain"}})));
  EXPECT_EQ(r.status_code, 415);
  auto json = answer(dispatch, request("PUT", "/item/7", "7", R"({"value":{}})", {{"content-type", "Application/JSON; charset=utf-8"}}));
  EXPECT_EQ(*json.get<std::string>(), "put 7 -");
}

TEST(resource_dispatch, a_field_that_does_not_convert_is_400_as_python_int_says_it) {
  lc::ResourceDispatch dispatch(form, lc::resources<Item>());
  dispatch.add<Item>(lc::HttpMethod::GET, [](std::int64_t) { return lc::message(std::string("x")); },
                     lc::entry<std::int64_t>("identity"));
  auto r = response(answer(dispatch, request("GET", "/item/99999999999999999999", "99999999999999999999")));
  EXPECT_EQ(r.status_code, 400);
  EXPECT_NE(r.body->find("out of range"), std::string::npos) << *r.body;
}

TEST(resource_dispatch, a_converter_of_the_users_that_throws_is_400_and_a_function_that_throws_is_500) {
  lc::ResourceDispatch dispatch(form, lc::resources<Item>());
  dispatch.add<Item>(lc::HttpMethod::GET, [](int) { return lc::message(std::string("x")); },
                     lc::entry("identity", [](std::string_view) -> int { throw std::invalid_argument("odd"); }));
  dispatch.add<Item>(lc::HttpMethod::GET, []() -> lc::message { throw std::runtime_error("disk full"); });
  auto converted = response(answer(dispatch, request("GET", "/item/1", "1")));
  EXPECT_EQ(converted.status_code, 400);
  EXPECT_EQ(converted.body, "Cannot complete conversion \"identity=1,resource=item\" (odd)");
  auto failed = response(answer(dispatch, request("GET", "/item")));
  EXPECT_EQ(failed.status_code, 500);
  EXPECT_EQ(failed.body, "Cannot complete request [GET] \"/item\" (disk full)");
}

TEST(resource_dispatch, a_form_without_a_resource_field_is_refused) {
  EXPECT_THROW(lc::ResourceDispatch(lc::ReForm{"/{thing}", {{"thing", "x"}}}, lc::resources<Item>()), std::invalid_argument);
}
