// The HTTP client against golden/http-client.jsonl: every request's exact bytes and what the app
// receives for each canned response, through a real loopback recorder socket.
#include <gtest/gtest.h>

#include <optional>

#include "../net/golden.hpp"
#include "lc/codec.hpp"
#include "lc/http_client.hpp"
#include "lc/runtime.hpp"
#include "recorder.hpp"

namespace golden_client {
struct Xy {  // the probe's Xy could carry None
  std::optional<std::int64_t> x;
  std::optional<std::int64_t> y;
};
BOOST_DESCRIBE_STRUCT(Xy, (), (x, y))
struct Quiet {
  std::string a;
};
BOOST_DESCRIBE_STRUCT(Quiet, (), (a))
}  // namespace golden_client
LC_MESSAGE(golden_client::Xy, "golden_client.Xy")
LC_MESSAGE(golden_client::Quiet, "__main__.Quiet")
LC_TYPE(std::vector<std::vector<double>>)

namespace {

using client_test::recorder;

lc::message probe_message(const std::string& sent) {
  if (sent == "Xy(x=2,y=3)") return golden_client::Xy{2, 3};
  if (sent == "Xy(x=None,y=5)") return golden_client::Xy{std::nullopt, 5};
  if (sent == "Ack()") return lc::Ack{};
  if (sent.starts_with("Quiet(")) return golden_client::Quiet{"a b&c=d/\xC3\xA9"};
  if (sent.starts_with("HttpRequest(")) {
    lc::HttpRequest r;
    r.request_uri = "Xy?x=1&y=1";
    r.header["Accept"] = "application/json";
    return r;
  }
  return {};
}

struct exchange {
  std::string request;
  lc::message received;
};

// One connection to a recorder answering `reply`: the request bytes and what came back.
exchange run_exchange(const lc::message& sent, const std::string& prefix, bool json, const std::string& reply) {
  recorder server({{reply}});
  exchange result;
  lc::run_main([&](lc::channel& self) {
    lc::connect(self, lc::HostPort{"127.0.0.1", server.port()}, lc::http_client(prefix, json));
    auto connected = self.input(10.0);
    if (!connected || !connected->is<lc::Connected>()) return;
    lc::address client = self.return_address();
    self.send(sent, client);
    if (auto m = self.input(10.0)) result.received = *m;
    self.send(lc::Close{}, client);
    self.input(10.0);
  });
  auto requests = server.requests();
  if (!requests.empty()) result.request = requests.front();
  return result;
}

std::string json_text(const boost::json::value& v) { return boost::json::serialize(v); }

}  // namespace

TEST(http_client_golden, every_request_is_the_reference_bytes_and_every_response_reaches_the_app_as_recorded) {
  int checked = 0;
  for (const auto& line : golden_lines("http-client.jsonl")) {
    std::string name(line.at("case").as_string());
    SCOPED_TRACE(name);
    auto sent = probe_message(std::string(line.at("message_sent").as_string()));
    ASSERT_TRUE(sent) << "unknown probe message";
    auto got = run_exchange(sent, std::string(line.at("http_client").as_string()), line.at("layer_cake_json").as_bool(),
                            golden_bytes(line.at("canned_response_bytes")));
    EXPECT_EQ(got.request, golden_bytes(line.at("request_bytes")));
    ASSERT_TRUE(got.received) << "nothing received";
    const auto& expected = line.at("received_by_app").as_object();
    std::string decoded_as(expected.at("decoded_as").as_string());
    if (expected.contains("any_encoding")) {
      EXPECT_EQ(lc::encode_any(got.received), std::string(expected.at("any_encoding").as_string()));
    } else if (decoded_as == "layer_cake.http.HttpResponse") {
      const auto* r = got.received.get<lc::HttpResponse>();
      ASSERT_NE(r, nullptr) << got.received.type_name();
      const auto& f = expected.at("fields").as_object();
      EXPECT_EQ(r->http, std::string(f.at("http").as_string()));
      EXPECT_EQ(r->status_code, f.at("status_code").as_int64());
      EXPECT_EQ(r->reason_phrase, std::string(f.at("reason_phrase").as_string()));
      std::map<std::string, std::string> header;
      for (const auto& [k, v] : f.at("header").as_object()) header[std::string(k)] = std::string(v.as_string());
      EXPECT_EQ(r->header, header);
      EXPECT_EQ(r->body.value_or(""), std::string(f.at("body").as_string()));
    } else if (decoded_as == "Incognito") {
      const auto* i = got.received.get<lc::Incognito>();
      ASSERT_NE(i, nullptr) << got.received.type_name();
      const auto& f = expected.at("fields").as_object();
      EXPECT_EQ(i->type_name, std::string(f.at("type_name").as_string()));
      EXPECT_EQ(i->word, json_text(f.at("decoded_word")));
    } else {
      // Deviation: a reason phrase over 16 characters is delivered, not silently lost.
      ASSERT_TRUE(decoded_as.starts_with("nothing")) << decoded_as;
      if (line.at("layer_cake_json").as_bool()) {
        ASSERT_NE(got.received.get<lc::Faulted>(), nullptr) << got.received.type_name();
      } else {
        ASSERT_NE(got.received.get<lc::HttpResponse>(), nullptr) << got.received.type_name();
        EXPECT_EQ(got.received.get<lc::HttpResponse>()->reason_phrase, "Internal Server Error");
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, 23);
}

TEST(http_client, an_interim_1xx_response_is_not_taken_for_the_answer) {
  std::string table = R"({"value":["vector<vector<float8>>",[[0.5]],[]]})";
  auto reply = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(table.size()) + "\r\n\r\n" + table;
  auto result = run_exchange(golden_client::Xy{2, 3}, "/", true, reply);
  EXPECT_TRUE((result.received.is<std::vector<std::vector<double>>>())) << result.received.type_name();
}
