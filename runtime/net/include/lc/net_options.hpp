#pragma once
// The limits and timings of a listener or a connection, with their defaults.
#include <chrono>
#include <cstddef>

namespace lc {

struct http_server_options {
  std::size_t header_limit = 8 * 1024;    // 431 above
  std::size_t body_limit = 1024 * 1024;   // 413 above
  std::size_t max_pending = 64;           // queued responses per connection before reading pauses
  std::size_t max_connections = 4096;     // 503 above
  // Requests delivered to the app whose work has not answered, over all connections. A request
  // over it waits for a place (its connection reading no more meanwhile, its 504 deadline running).
  // A place stays taken after its client has gone (or had its 504) until the work answers, so it
  // bounds the work in flight: a thread each in scenario 2, a process each in 6.
  std::size_t max_pending_requests = 256;
  std::chrono::milliseconds idle_timeout{60'000};      // no complete request in this time: close
  std::chrono::milliseconds request_deadline{30'000};  // no reply in this time: 504
  std::chrono::milliseconds write_timeout{30'000};     // a reply the client does not take in this time: close
  std::chrono::milliseconds hold_limit{300'000};       // a place whose work never answers is freed after this
  std::size_t max_queued_bytes = 64u << 20;  // replies waiting to be written; reading pauses above
};

// The reference's cap. A frame is read whole and decoded on the network thread, so a link that
// must carry more (a back-channel carrying big tables) asks for it in its frame_options.
inline constexpr std::size_t default_frame_cap = 1u << 20;
inline constexpr double default_keep_alive_period = 60.0;

struct frame_options {
  // Bigger frames are refused to their sender; a peer that announces one is closed
  // (INBOUND_STREAMING) before its bytes are read.
  std::size_t frame_cap = default_frame_cap;
  // connect only: KeepAlive/StillThere ping-pong (wire-contract §5.5); a silent peer ends the
  // link with Closed(WENT_STALE). Either side answers a peer that asks, whatever this says.
  bool keep_alive = false;
  // Seconds (times a random factor in [0.95,1.05)) this side asks its peer to wait.
  double keep_alive_period = default_keep_alive_period;
  // listen only: an accepted peer that sends nothing in this time is closed (WENT_STALE); 0 never.
  // Longer than the keep-alive period of the peers, which keeps a quiet link up.
  std::chrono::milliseconds idle_timeout{180'000};
  std::size_t max_connections = 1024;  // listen only: accepted links at once; more are closed
  // Frames waiting to be written to a peer that does not read: above, the link closes
  // (OUTBOUND_STREAMING).
  std::size_t max_queued_bytes = 64u << 20;
  // For a peer of our own only (a library back-channel; the reference knows no such frame): when
  // work that sent over the link is stopped because its remote party went, the peer is told, and
  // drops what that work left waiting there.
  bool announce_cancelled = false;
};

}  // namespace lc
