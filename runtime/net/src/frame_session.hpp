#pragma once
// One framed connection (internal protocol): reads frames into the parser, writes encoded frames
// in order. Encoding happens on the sender's thread; send() only queues bytes. The limits come from
// frame_options: the frame cap, the bytes that may wait to be written, and (an accepted link) how
// long the peer may stay silent.
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "frame_codec.hpp"
#include "lc/net_messages.hpp"
#include "lc/net_options.hpp"

namespace lc::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

class frame_session : public std::enable_shared_from_this<frame_session> {
 public:
  struct events {
    std::function<void(raw_frame)> frame;  // on the network thread
    std::function<void(EndOfTransport, std::string note)> closed;
  };
  frame_session(tcp::socket socket, const frame_options& options);
  void start(events e);
  void send(std::string bytes);  // any thread
  void close(EndOfTransport reason = EndOfTransport::ON_REQUEST, std::string note = {});
  std::size_t cap() const { return options_.frame_cap; }
  net::any_io_executor executor() { return socket_.get_executor(); }  // the connection's strand

  HostPort local;
  HostPort remote;
  std::string opened_at;

 private:
  void read_next();
  void write_next();
  void arm_idle();
  void finish(EndOfTransport reason, std::string note);

  tcp::socket socket_;
  frame_options options_;
  frame_parser parser_;
  events events_;
  char chunk_[65536];
  net::steady_timer idle_timer_;
  std::chrono::steady_clock::time_point last_heard_;
  std::deque<std::string> outbox_;
  std::size_t queued_bytes_ = 0;  // in outbox_
  bool writing_ = false;
  bool finished_ = false;
};

}  // namespace lc::detail
