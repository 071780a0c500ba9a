#pragma once
// How a directory connects to its parent and a subscriber to a publisher's process: with the
// keep-alive ping-pong when the peer is on another host (a link there can go silent), as the
// reference does; over the loopback without it.
#include "lc/messages.hpp"
#include "lc/net_options.hpp"

namespace lc::detail {

inline frame_options link_options_for(const HostPort& peer) {
  frame_options options;
  options.keep_alive = peer.host.rfind("127.", 0) != 0;
  return options;
}

}  // namespace lc::detail
