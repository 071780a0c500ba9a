#pragma once
// One framed connection wired to the runtime: a proxy object whose deliver callback encodes on the
// sender's thread, inbound frames posted to their translated addresses when the peer was given
// them (frame_grants), and the keep-alive (frame_keeper), which the app never sees.
#include <functional>
#include <memory>

#include "frame_session.hpp"
#include "lc/message.hpp"
#include "lc/net_options.hpp"

namespace lc::detail {

// `opened` makes the Accepted or Connected for the proxy; `ended` runs as the link closes, before
// the owner hears Closed.
address wire_frames(const std::shared_ptr<frame_session>& session, const address& owner, const frame_options& options,
                    const std::function<message(const address& proxy)>& opened, std::function<void()> ended = {});

}  // namespace lc::detail
