#pragma once
// The directory of a host or of a composite process, as the reference's host-cake and group-cake
// run them: it accepts the directories of processes at `accept_at` (framed), keeps the listings
// they push up (those as wide as its scope or wider), and for every subscription matching a
// publication sends the subscriber's process a RouteOverLoop (where the publisher's process
// listens). A process that disconnects loses its listings. Each answers GetDirectory with its
// DirectoryListing, and ListDirectory too when it is the topmost (directory_listing.hpp).
//
//   lc::message host_cake(lc::channel& self) { return lc::host_directory(self, {"127.0.0.1", 54195}); }
#include <optional>

#include "lc/channel.hpp"
#include "lc/directory_links.hpp"

namespace lc {

// Runs until Stop (then Aborted) or until it cannot listen (NotListening). With
// `directory_at_lan` it connects up to that LAN directory and passes it the listings wider than
// HOST (no LAN address is guessed: without one, nothing leaves the host).
message host_directory(channel& self, const HostPort& accept_at, std::optional<HostPort> directory_at_lan = {});

// lan-cake's: at LAN scope, for the host directories of several hosts. A publication it lists is
// reached at the address its host's directory connected from, on the port its process listens on.
message lan_directory(channel& self, const HostPort& accept_at);

// group-cake's: at GROUP scope on a loopback port of its own, which it tells `tell` with the
// Listening (or NotListening) it gets, so the roles can be given it (--connect-to-directory).
// Listings wider than GROUP are matched here and passed on to the directory above: the one at
// `above` (connected from the start; group-cake's --directory-at-host, else --directory-at-lan),
// else host-cake's at 127.0.0.1:54195, connected when the first such listing comes. Either is
// connected again a second after it is lost.
message group_directory(channel& self, address tell, std::optional<HostPort> above = {});

}  // namespace lc
