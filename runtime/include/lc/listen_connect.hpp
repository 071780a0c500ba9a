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

#include "lc/detail/frame_codec.hpp"
#include "lc/detail/frame_keeper.hpp"
#include "lc/detail/http_server_session.hpp"
#include "lc/net_messages.hpp"
#include "lc/object.hpp"

namespace lc {

struct http_server_spec {
  std::vector<const type_record*> types;
  detail::http_server_options options;
};
// The message types served over HTTP, named by their bare class name in the request path.
template <class... T>
http_server_spec http_server(detail::http_server_options options = {}) {
  return {{&type_of<T>()...}, options};
}

struct frame_options {
  std::size_t frame_cap = detail::default_frame_cap;  // bigger frames are refused to their sender
  // connect only: KeepAlive/StillThere ping-pong (wire-contract §5.5); a silent peer ends the
  // link with Closed(WENT_STALE). Either side answers a peer that asks, whatever this says.
  bool keep_alive = false;
  // Seconds (times a random factor in [0.95,1.05)) this side asks its peer to wait.
  double keep_alive_period = detail::default_keep_alive_period;
};

std::string listen(object& self, const HostPort& where, http_server_spec server);
std::string listen(object& self, const HostPort& where, frame_options options = {});
void connect(object& self, const HostPort& where, frame_options options = {});
void stop_listening(object& self, const std::string& lid);

}  // namespace lc
