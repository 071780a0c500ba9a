#pragma once
// The HTTP client side of connect() (wire-contract §4). Connected arrives from the client session:
// send messages there (self.return_address() on Connected); each becomes `POST <prefix><Name>`
// with the concrete JSON envelope, one request on the wire at a time, the rest queued. The answer
// comes back to the sender: the decoded message (a table, a Faulted kind ...) for application/json
// bodies whatever the status, else an HttpResponse. Close to the session ends it (Closed to self).
//
//   lc::connect(self, lc::HostPort{"127.0.0.1", 5050}, lc::http_client("/"));
//   ... Connected: client = self.return_address(); self.send(Xy{2, 3}, client);
//   ... table_type arrives from client; self.send(lc::Close{}, client); ... Closed
#include <chrono>
#include <cstddef>
#include <string>

#include "lc/net_messages.hpp"
#include "lc/object.hpp"

namespace lc {

struct http_client_spec {
  std::string prefix = "/";         // the path in front of the class name: "/api" gives /apiXy
  bool layer_cake_json = true;      // false: form-encoded requests, every response an HttpResponse
  std::size_t queue_limit = 256;    // pending requests beyond this are refused with Overloaded
  std::size_t body_limit = 256u << 20;  // bigger responses close the connection
  // On expiry the connection closes: NotConnected, or a Faulted to every request waiting on it,
  // naming the timeout.
  std::chrono::milliseconds connect_timeout{10'000};  // connecting
  std::chrono::milliseconds write_timeout{30'000};    // one request's bytes going out
  std::chrono::milliseconds read_timeout{60'000};     // a whole response, from its request written
};

inline http_client_spec http_client(std::string prefix = "/", bool layer_cake_json = true) {
  http_client_spec spec;
  spec.prefix = std::move(prefix);
  spec.layer_cake_json = layer_cake_json;
  return spec;
}

void connect(object& self, const HostPort& where, http_client_spec client);

}  // namespace lc
