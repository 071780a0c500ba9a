// A listener given a ReForm (lc::uri_form) and one with default_to_request: real objects, real
// loopback sockets.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "lc/listen_connect.hpp"
#include "lc/runtime.hpp"
#include "next_message.hpp"
#include "raw_client.hpp"
#include "test_types.hpp"

namespace {

const lc::ReForm resource_form{"/{resource}(/{identity})?", {{"resource", R"(\w+)"}, {"identity", "[0-9]+"}}};

unsigned short port_of(const lc::message& listening) {
  return static_cast<unsigned short>(listening.get<lc::Listening>()->listening_ipp.port);
}

std::string body_after_headers(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

// Sends `request` to a listener made with `spec`; the app answers each request of type T with
// `answer(T)`. Returns the raw response.
template <class T, class Answer>
std::string exchange(lc::http_server_spec spec, std::string request, Answer answer) {
  auto result = lc::run_main([&](lc::channel& self) -> std::string {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, spec);
    auto listening = expect<lc::Listening>(self);
    if (!listening) return "no Listening";
    std::string got = "no response";
    std::atomic<bool> done{false};
    std::thread client([&, port = port_of(listening)] {
      raw_client c(port);
      c.send(request);
      if (auto r = c.response()) got = *r;
      done = true;
    });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done && std::chrono::steady_clock::now() < deadline)
      if (auto m = self.input(0.05); m && m->template get<T>()) self.reply(answer(*m->template get<T>()));
    client.join();
    return got;
  });
  return result.template get<std::string>() ? *result.template get<std::string>() : "no result";
}

}  // namespace

TEST(rest_listener, a_uri_matching_the_form_arrives_as_a_form_request_with_what_each_field_matched) {
  lc::FormRequest seen;
  auto response = exchange<lc::FormRequest>(lc::uri_form(resource_form),
                                            "PUT /customer/12 HTTP/1.1\r\nHost: here\r\nContent-Length: 2\r\n\r\n{}",
                                            [&](const lc::FormRequest& r) {
                                              seen = r;
                                              return lc::message(std::string("ok"));
                                            });
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.request, "/customer/12");
  EXPECT_EQ(seen.http, "HTTP/1.1");
  EXPECT_EQ(seen.form_entry.at("resource"), "customer");
  EXPECT_EQ(seen.form_entry.at("identity"), "12");
  EXPECT_EQ(seen.header.at("Host"), "here");
  EXPECT_EQ(seen.body, "{}");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
  EXPECT_NE(response.find("Server: Layer-Cake-REST-server/1.0\r\n"), std::string::npos) << response;
  EXPECT_EQ(body_after_headers(response), R"({"value":["unicode","ok",[]]})");
}

TEST(rest_listener, an_absent_optional_part_of_the_form_is_a_null_field) {
  lc::FormRequest seen;
  exchange<lc::FormRequest>(lc::uri_form(resource_form), "GET /customer HTTP/1.1\r\n\r\n", [&](const lc::FormRequest& r) {
    seen = r;
    return lc::message(std::string("ok"));
  });
  ASSERT_EQ(seen.form_entry.size(), 2u);
  EXPECT_EQ(seen.form_entry.at("resource"), "customer");
  EXPECT_FALSE(seen.form_entry.at("identity").has_value());
  EXPECT_FALSE(seen.body.has_value());
}

TEST(rest_listener, a_uri_not_matching_the_whole_form_is_answered_400_with_the_reference_text) {
  for (std::string uri : {"/customer/abc", "/customer?x=1", "/", "/customer/1/x"}) {
    auto response = exchange<lc::FormRequest>(lc::uri_form(resource_form), "GET " + uri + " HTTP/1.1\r\n\r\n",
                                              [](const lc::FormRequest&) { return lc::message(std::string("no")); });
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 Bad Request\r\n")) << response;
    EXPECT_NE(response.find("Content-Type: plain/text\r\n"), std::string::npos) << response;
    EXPECT_EQ(body_after_headers(response), "cannot recover request \"" + uri + "\" (request URI does not match form)");
  }
}

TEST(rest_listener, a_form_that_does_not_compile_or_names_a_missing_field_is_not_listening) {
  for (auto [form, expected] : {std::pair{lc::ReForm{"/{resource}", {{"resource", "(["}}}, "URI pattern does not compile"},
                                std::pair{lc::ReForm{"/{thing}", {{"resource", "x"}}}, "has no expression"},
                                std::pair{lc::ReForm{"", {}}, "URI provided with no pattern"}}) {
    auto result = lc::run_main([&, form = form](lc::channel& self) -> std::string {
      lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::uri_form(form));
      auto m = expect<lc::NotListening>(self, 5.0);
      return m ? m.get<lc::NotListening>()->explanation.value_or("") : "listening";
    });
    ASSERT_TRUE(result.get<std::string>());
    EXPECT_NE(result.get<std::string>()->find(expected), std::string::npos) << *result.get<std::string>();
  }
}

TEST(rest_listener, default_to_request_hands_an_unknown_name_to_the_app_as_an_http_request) {
  auto spec = lc::http_server<test_api::Xy>();
  spec.default_to_request = true;
  lc::HttpRequest seen;
  auto response = exchange<lc::HttpRequest>(spec, "POST /api/Other?a=1 HTTP/1.1\r\nX-Tag: t\r\nContent-Length: 3\r\n\r\nabc",
                                            [&](const lc::HttpRequest& r) {
                                              seen = r;
                                              return lc::message(lc::HttpResponse{.status_code = 202, .reason_phrase = "Accepted"});
                                            });
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.request_uri, "/api/Other?a=1");
  EXPECT_EQ(seen.header.at("X-Tag"), "t");
  EXPECT_EQ(seen.body, "abc");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 202 Accepted\r\n")) << response;
}

TEST(rest_listener, without_default_to_request_an_unknown_name_is_404) {
  auto response = exchange<lc::HttpRequest>(lc::http_server<test_api::Xy>(), "GET /Other HTTP/1.1\r\n\r\n",
                                            [](const lc::HttpRequest&) { return lc::message(std::string("no")); });
  EXPECT_TRUE(response.starts_with("HTTP/1.1 404 Not Found\r\n")) << response;
}
