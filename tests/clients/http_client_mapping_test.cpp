// The HTTP client's response mapping, without sockets.
#include <gtest/gtest.h>

#include "http_client_mapping.hpp"
#include "lc/net_messages.hpp"

LC_TYPE(std::vector<std::vector<double>>)

namespace {

lc::detail::client_response json_reply(std::string name, std::string value) {
  lc::detail::client_response r;
  r.header = {{std::move(name), std::move(value)}};
  r.body = R"({"value":["vector<vector<float8>>",[[0.5]],[]]})";
  return r;
}

}  // namespace

TEST(http_client_mapping, header_names_and_media_types_match_in_any_case) {
  for (auto [name, value] : {std::pair{"content-type", "application/json"}, std::pair{"CONTENT-TYPE", "Application/JSON"},
                             std::pair{"Content-Type", "application/json; charset=utf-8"}}) {
    auto m = lc::detail::client_response_message(json_reply(name, value), true);
    EXPECT_TRUE((m.is<std::vector<std::vector<double>>>())) << name << ": " << value << " gave " << m.type_name();
  }
}

TEST(http_client_mapping, another_media_type_stays_an_http_response) {
  auto m = lc::detail::client_response_message(json_reply("Content-Type", "text/plain"), true);
  EXPECT_TRUE(m.is<lc::HttpResponse>()) << m.type_name();
}
