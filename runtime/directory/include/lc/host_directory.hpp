#pragma once
// The directory at HOST scope, as the reference's host-cake runs it: it accepts the directories of
// the processes on the host at `accept_at` (framed), keeps the listings they push up, and for
// every subscription matching a publication sends the subscriber's process a RouteOverLoop
// (where the publisher's process listens). A process that disconnects loses its listings.
//
//   lc::message host_cake(lc::channel& self) { return lc::host_directory(self, {"127.0.0.1", 54195}); }
#include "lc/channel.hpp"
#include "lc/directory_links.hpp"

namespace lc {

// Runs until Stop (then Aborted) or until it cannot listen (NotListening).
message host_directory(channel& self, const HostPort& accept_at);

}  // namespace lc
