#pragma once
// HTTP request -> message (wire-contract §3.2) and message -> response bytes (§3.3), free of sockets.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lc/http_form.hpp"
#include "uri_form_match.hpp"

namespace lc::detail {

// The listener's served types by bare name ("Xy").
using http_type_table = std::unordered_map<std::string, http_form>;
http_type_table make_type_table(std::vector<http_form> forms);

inline constexpr std::string_view api_server = "Layer-Cake-API-server/1.0";
inline constexpr std::string_view rest_server = "Layer-Cake-REST-server/1.0";

// Everything a listener maps requests with.
struct http_routes {
  http_type_table types;
  std::shared_ptr<const compiled_form> form;  // set: requests become FormRequests
  bool default_to_request = false;            // an unknown name becomes an HttpRequest
  bool needs_header() const { return form != nullptr || default_to_request; }
  std::string_view server() const { return form ? rest_server : api_server; }
};

struct http_request_view {
  std::string_view method;
  std::string_view target;        // "/api/Xy?x=1"
  std::string_view content_type;  // empty when absent
  std::string_view body;
  std::string_view version = "HTTP/1.1";
  const std::map<std::string, std::string>* header = nullptr;  // given when the routes need it
};

// Either the request's message (status 200) or a Faulted with the error status to answer.
struct http_mapped {
  int status = 200;
  message value;
};
http_mapped map_request(const http_routes& routes, const http_request_view& request);
http_mapped map_request(const http_type_table& types, const http_request_view& request);

std::string url_unquote_plus(std::string_view text);

// Reason phrases of at most 16 characters: the reference's client drops longer ones.
std::string_view reason_for(int status);

// Full response bytes in the reference's layout. `keep_alive == false` adds `Connection: close`.
std::string build_response(int status, std::string_view content_type, std::string_view body, bool keep_alive = true,
                           std::string_view server = api_server);
// A reply message as a response: 200 + Any envelope, a Faulted's error_code, or an HttpResponse verbatim.
std::string response_for(const message& reply, bool keep_alive = true, std::string_view server = api_server);
// A fault built by the server itself (404, 413, 431, 503, 504 ...).
std::string fault_response(int status, std::string condition, std::string explanation, bool keep_alive = true,
                           std::string_view server = api_server);

// The media type of a Content-Type value, in lower case and without parameters (RFC 9110 §8.3.1).
std::string media_type(std::string_view content_type);

}  // namespace lc::detail
