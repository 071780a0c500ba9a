#pragma once
// One HTTP client connection: a FIFO of encoded requests, one on the wire at a time, each
// response parsed by Beast and sent to the oldest request's sender. All state lives on the
// socket's strand; submit() may be called from any thread.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "lc/http_client.hpp"

namespace lc::detail {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

class http_client_session : public std::enable_shared_from_this<http_client_session> {
 public:
  http_client_session(tcp::socket socket, http_client_spec spec, address owner);
  // Starts reading; `self` is the session's address (responses and Closed come from it).
  void start(address self, std::uint64_t closer);
  void submit(std::string request_bytes, address requester, bool head = false);  // any thread
  void submit_close(address requester);                       // queued like a request
  void close(EndOfTransport reason, std::string note);         // now, from any thread

  HostPort local;
  HostPort remote;
  std::string opened_at;

 private:
  struct pending {
    std::string bytes;
    address requester;
    bool close = false;
    bool head = false;  // its response has headers and no body
  };
  void enqueue(pending p);
  void write_next();
  void read_next();
  void answer(http::response<http::string_body>& response);
  void expect_no_body_if_head();
  void arm(net::steady_timer& timer, std::chrono::milliseconds after, const char* option, const char* what);
  void finish(EndOfTransport reason, std::string note);

  tcp::socket socket_;
  http_client_spec spec_;
  address owner_;
  address self_;
  std::uint64_t closer_ = 0;
  boost::beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
  bool reading_ = false;  // parser_ has a read pending
  net::steady_timer write_timer_;
  net::steady_timer read_timer_;
  std::deque<pending> queue_;  // the front is on the wire when in_flight_
  bool in_flight_ = false;
  // The bytes on the wire, kept here: a server may answer (and the request leave queue_) before
  // the write has finished.
  std::string writing_;
  bool writing_now_ = false;
  bool finished_ = false;
};

}  // namespace lc::detail
