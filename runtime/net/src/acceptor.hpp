#pragma once
// The listening socket of every listener, HTTP or framed: binds (ports 0-65535 only), accepts on
// its own strand and hands each socket to the listener. Out of descriptors (EMFILE, ENFILE,
// ENOBUFS) it pauses for a moment instead of spinning on the error, and accepts again when
// connections have closed.
#include <cstdint>
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "lc/net_messages.hpp"

namespace lc::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

bool valid_port(std::int64_t port);

class acceptor : public std::enable_shared_from_this<acceptor> {
 public:
  using on_accept = std::function<void(tcp::socket)>;  // on the acceptor's strand
  explicit acceptor(net::io_context& context);
  // Binds and listens (SOMAXCONN). Throws boost::system::system_error, or std::invalid_argument
  // for a port out of range.
  HostPort open(const HostPort& where);
  void start(on_accept accepted);
  void stop();  // closes the socket and lets go of the listener's callback

 private:
  void accept_next();
  net::io_context& context_;
  tcp::acceptor acceptor_;
  net::steady_timer pause_timer_;
  on_accept accepted_;
};

}  // namespace lc::detail
