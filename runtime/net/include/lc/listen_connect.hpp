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
#include <string>
#include <vector>

#include "lc/http_form.hpp"
#include "lc/net_messages.hpp"
#include "lc/net_options.hpp"
#include "lc/object.hpp"

namespace lc {

struct http_server_spec {
  std::vector<http_form> forms;
  http_server_options options;
};
// The message types served over HTTP, named by their bare class name in the request path.
template <class... T>
http_server_spec http_server(http_server_options options = {}) {
  return {{form_of<T>()...}, options};
}

std::string listen(object& self, const HostPort& where, http_server_spec server);
std::string listen(object& self, const HostPort& where, frame_options options = {});
void connect(object& self, const HostPort& where, frame_options options = {});
void stop_listening(object& self, const std::string& lid);

}  // namespace lc
