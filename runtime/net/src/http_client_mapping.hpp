#pragma once
// Message -> request bytes and response -> message for the HTTP client (wire-contract §4), free
// of sockets so that the golden bytes can be checked directly.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lc/message.hpp"

namespace lc::detail {

// The exact bytes the reference writes for `m` (a registered message or an HttpRequest).
// Throws std::invalid_argument for a message that cannot name a request (None).
std::string client_request_bytes(const message& m, std::string_view prefix, bool layer_cake_json);

// `a=1&b=x+y` as Python's quote_plus of each non-null field (text raw, the rest as json.dumps).
std::string form_body(const message& m);
std::string quote_plus(std::string_view text);

struct client_response {
  std::string http = "HTTP/1.1";
  int status_code = 200;
  std::string reason_phrase;
  std::vector<std::pair<std::string, std::string>> header;  // as received, in order
  std::optional<std::string> body;
  bool head_request = false;  // the answer to HEAD: headers only, delivered as they are
};

// What the requester receives: in JSON mode the decoded Any (whatever the status) or a synthesised
// HttpResponse 500 naming the problem; otherwise, and for other content types or HEAD, the HttpResponse.
message client_response_message(client_response response, bool layer_cake_json);

}  // namespace lc::detail
