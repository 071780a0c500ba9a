#pragma once
// listen / connect / stop_listening (wire-contract §6). Outcomes arrive as messages to `self`:
// Listening or NotListening, then Accepted / the inbound messages / Closed for each connection;
// Connected or NotConnected. Send Close to a connection's proxy address to end it.
//
//   auto lid = lc::listen(self, lc::HostPort{"127.0.0.1", 5050}, lc::http_server<Xy>());
//   ... Xy arrives with a per-request return address: self.reply(table) answers that request.
//   lc::connect(self, lc::HostPort{"127.0.0.1", 5051});  // framed: Connected{proxy_address}
//   self.send(Xy{}, remote_address);                     // addresses from Accepted/Connected/returns
//   lc::connect(self, where, lc::frame_options{.keep_alive = true});  // a silent peer: Closed(WENT_STALE)
//   lc::listen(self, where, lc::uri_form(resource_form));  // REST: FormRequests (resource_dispatch.hpp)
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lc/http_form.hpp"
#include "lc/net_messages.hpp"
#include "lc/net_options.hpp"
#include "lc/object.hpp"
#include "lc/re_form.hpp"

namespace lc {

struct http_server_spec {
  std::vector<http_form> forms;
  http_server_options options;
  std::optional<ReForm> uri_form;   // set: every request is a FormRequest, or a 400
  bool default_to_request = false;  // a name not served reaches the app as an HttpRequest, not a 404
};
// The message types served over HTTP, named by their bare class name in the request path.
template <class... T>
http_server_spec http_server(http_server_options options = {}) {
  return {{form_of<T>()...}, options};
}

// Requests whose whole URI matches `form` arrive as FormRequests; the server calls itself REST.
inline http_server_spec uri_form(ReForm form, http_server_options options = {}) {
  return {{}, options, std::move(form), false};
}

std::string listen(object& self, const HostPort& where, http_server_spec server);
std::string listen(object& self, const HostPort& where, frame_options options = {});
void connect(object& self, const HostPort& where, frame_options options = {});
void stop_listening(object& self, const std::string& lid);

}  // namespace lc
