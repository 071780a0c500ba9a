// A server's bytes through the HTTP client's path: Beast's response parser, then the mapping to
// what the requester receives. The first byte picks JSON mode. Invariants: the requester always
// gets a message that encodes and decodes back to itself; outside JSON mode it is the HttpResponse
// as received; in JSON mode a response the client cannot read is a synthesised HttpResponse 500.
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "fuzz_check.hpp"
#include "http_client_mapping.hpp"
#include "lc/codec.hpp"
#include "lc/http_client.hpp"
#include "lc/net_messages.hpp"

namespace http = boost::beast::http;
using namespace lc::detail;

namespace {

client_response received(const http::response<http::string_body>& response) {
  client_response r;
  r.http = "HTTP/" + std::to_string(response.version() / 10) + "." + std::to_string(response.version() % 10);
  r.status_code = static_cast<int>(response.result_int());
  r.reason_phrase = std::string(response.reason());
  for (const auto& field : response) r.header.emplace_back(std::string(field.name_string()), std::string(field.value()));
  if (response.has_content_length() || !response.body().empty()) r.body = response.body();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  bool json = data[0] & 1;
  http::response_parser<http::string_body> parser;
  parser.body_limit(lc::http_client_spec{}.body_limit);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data + 1, size - 1), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  auto r = received(parser.get());
  auto m = client_response_message(r, json);
  std::string once = lc::encode_any(m);
  FUZZ_CHECK(lc::encode_any(lc::decode_any(once)) == once, once);
  auto* as_http = m.get<lc::HttpResponse>();
  if (!json) {
    FUZZ_CHECK(as_http != nullptr, "not an HttpResponse outside JSON mode: " + once);
    FUZZ_CHECK(as_http->status_code == r.status_code && as_http->body == r.body, once);
  } else if (as_http != nullptr && as_http->status_code != r.status_code) {
    FUZZ_CHECK(as_http->status_code == 500, "a synthesised response that is not a 500: " + once);
  }
  return 0;
}
