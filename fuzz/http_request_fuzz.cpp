// Bytes from a client through the server's path: Beast's request parser with the server's limits,
// map_request, then the response bytes. Invariants: every answer is one well-formed HTTP/1.1
// response that Beast's response parser takes whole, with a known status, a Content-Length that
// is the body's, `Connection: close` when the connection ends, and a body the codec decodes.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <set>

#include "fuzz_check.hpp"
#include "http_mapping.hpp"
#include "lc/codec.hpp"
#include "lc/net_options.hpp"
#include "test_types.hpp"

namespace http = boost::beast::http;
using namespace lc::detail;

namespace {

void check_response(const std::string& bytes, int expected_status, bool keep_alive) {
  static const std::set<int> known{200, 400, 404, 405, 413, 415, 431, 500, 503};
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  boost::system::error_code ec;
  std::size_t used = parser.put(boost::asio::buffer(bytes), ec);
  FUZZ_CHECK(!ec && parser.is_done() && used == bytes.size(), "not one whole response: " + bytes);
  const auto& r = parser.get();
  FUZZ_CHECK(r.version() == 11, bytes);
  FUZZ_CHECK(known.contains(r.result_int()), bytes);
  FUZZ_CHECK(expected_status == 0 || static_cast<int>(r.result_int()) == expected_status,
             "expected " + std::to_string(expected_status) + ": " + bytes);
  FUZZ_CHECK(r.has_content_length() && *r.payload_size() == r.body().size(), bytes);
  FUZZ_CHECK(keep_alive || !r.keep_alive(), "a closing reply without Connection: close: " + bytes);
  try {
    lc::decode_any(r.body());
  } catch (const lc::codec_error& e) {
    FUZZ_CHECK(false, std::string(e.what()) + " in " + bytes);
  }
}

int status_of(boost::system::error_code ec) {
  return ec == http::error::header_limit ? 431 : ec == http::error::body_limit ? 413 : 400;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto types = make_type_table({lc::form_of<test_api::Xy>(), lc::form_of<test_api::Big>()});
  const lc::http_server_options limits;
  auto pending = fuzz::text(data, size);
  while (!pending.empty()) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    parser.eager(true);
    boost::system::error_code ec;
    std::size_t used = parser.put(boost::asio::buffer(pending.data(), pending.size()), ec);
    if (ec == http::error::need_more) return 0;  // the session waits for more bytes
    if (!ec && !parser.is_done()) {
      parser.put_eof(ec);
      if (!ec && !parser.is_done()) return 0;
    }
    if (ec) {
      check_response(fault_response(status_of(ec), "cannot recover request", ec.message(), false), status_of(ec), false);
      return 0;
    }
    pending.remove_prefix(used);
    auto& request = parser.get();
    auto content_type = request.find(http::field::content_type);
    std::string_view type = content_type == request.end() ? std::string_view{} : std::string_view(content_type->value());
    http_request_view view{request.method_string(), request.target(), type, request.body()};
    auto mapped = map_request(types, view);
    FUZZ_CHECK(mapped.status == 200 || mapped.value.get<lc::Faulted>() != nullptr, "a refusal without a Faulted");
    bool keep_alive = request.keep_alive();
    check_response(response_for(mapped.value, keep_alive), mapped.status == 200 ? 0 : mapped.status, keep_alive);
    if (!keep_alive) return 0;
  }
  return 0;
}
