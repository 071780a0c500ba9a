#pragma once
// Publish/subscribe inside one process, as the reference's process directory:
//
//   lc::publish(self, "worker-9");                     // -> Published, or NotPublished
//   lc::subscribe(self, R"(worker-[0-9]+)");           // -> Subscribed, or NotSubscribed
//
// A subscription's search is a regular expression that must match a whole name. For every match
// the subscriber gets Available from the publisher's address and the publisher gets Delivered
// from the subscriber's; Dropped tells both when the match ends: a clear_published() or
// clear_subscribed(), or the other side's object ending. Every scope is matched inside the process;
// a HOST listing (the default) also goes to the parent directory, host-cake (--connect-to-directory,
// else 127.0.0.1:54195 in a process started by lc::run), which matches it with the other
// processes' listings; Available and Delivered then come from addresses over a connection
// between the two processes. host-cake matches LAN and WAN listings too, and leaves GROUP ones.
#include <optional>
#include <string>

#include "lc/directory_messages.hpp"
#include "lc/object.hpp"

namespace lc {

void publish(object& self, std::string name, ScopeOfDirectory scope = ScopeOfDirectory::HOST,
             bool encrypted = false);
void subscribe(object& self, std::string search, ScopeOfDirectory scope = ScopeOfDirectory::HOST);
// Withdraw a listing, given the message that confirmed it; the answer is PublishedCleared or
// SubscribedCleared.
void clear_published(object& self, const Published& published, std::optional<std::string> note = {});
void clear_subscribed(object& self, const Subscribed& subscribed, std::optional<std::string> note = {});

// The process's directory, started on first use (and again after the runtime has shut down).
address directory_address();

}  // namespace lc
