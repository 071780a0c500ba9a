#pragma once
// Framed keep-alive (wire-contract §5.5), inside the stream layer: the app never sees KeepAlive or
// StillThere. The connector sends KeepAlive(s) as the link opens and expects a StillThere within
// s+3 s. Each side answers KeepAlive(s) or StillThere(x) after s (or x) seconds with its own
// StillThere(period x a random factor in [0.95,1.05)), sent to the return address of the message
// it answers, and then expects a StillThere within that period + 5 s. When none comes, the link
// goes stale. Everything runs on the connection's strand; stop() cancels both timers.
#include <cstdint>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "lc/message.hpp"
#include "lc/net_options.hpp"

namespace lc::detail {

namespace net = boost::asio;


class frame_keeper : public std::enable_shared_from_this<frame_keeper> {
 public:
  using sender = std::function<void(message m, const address& to)>;  // encodes and queues one frame
  frame_keeper(net::any_io_executor strand, double period, sender send, std::function<void()> went_stale);

  void start(const address& remote_controller);  // the connector's KeepAlive
  // True when `m` is KeepAlive or StillThere (consumed here).
  bool take(const message& m, const address& return_address);
  void stop();

 private:
  double next_period();
  void answer_after(double seconds, address to);
  void expect_within(double seconds);

  net::steady_timer answer_timer_;
  net::steady_timer expiry_timer_;
  double period_;
  sender send_;
  std::function<void()> went_stale_;
  // A timer re-armed or answered while its expiry is already queued must not act: each wait
  // carries its round, and only the latest round counts.
  std::uint64_t answer_round_ = 0;
  std::uint64_t expiry_round_ = 0;
  bool stopped_ = false;
};

}  // namespace lc::detail
