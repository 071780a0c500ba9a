#pragma once
// One framed connection (internal protocol): reads frames into the parser, writes encoded frames
// in order. Encoding happens on the sender's thread; send() only queues bytes.
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>

#include "frame_codec.hpp"
#include "lc/net_messages.hpp"

namespace lc::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

class frame_session : public std::enable_shared_from_this<frame_session> {
 public:
  struct events {
    std::function<void(raw_frame)> frame;  // on the network thread
    std::function<void(EndOfTransport, std::string note)> closed;
  };
  frame_session(tcp::socket socket, std::size_t cap);
  void start(events e);
  void send(std::string bytes);  // any thread
  void close(EndOfTransport reason = EndOfTransport::ON_REQUEST, std::string note = {});
  std::size_t cap() const { return cap_; }
  net::any_io_executor executor() { return socket_.get_executor(); }  // the connection's strand

  HostPort local;
  HostPort remote;
  std::string opened_at;

 private:
  void read_next();
  void write_next();
  void finish(EndOfTransport reason, std::string note);

  tcp::socket socket_;
  std::size_t cap_;
  frame_parser parser_;
  events events_;
  char chunk_[65536];
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool finished_ = false;
};

}  // namespace lc::detail
