#pragma once
// The Beast HTTP server: a listener on the shared acceptor and one session per connection. Requests are mapped to
// messages on the network thread; responses are queued in request order (pipelining) and filled
// by answer() from any thread, already encoded.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "acceptor.hpp"
#include "http_mapping.hpp"
#include "lc/net_messages.hpp"
#include "lc/net_options.hpp"
#include "pending_places.hpp"

namespace lc::detail {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

class http_session;

struct http_server_events {
  std::function<void(const std::shared_ptr<http_session>&)> accepted;
  std::function<void(const std::shared_ptr<http_session>&, message request, std::uint32_t seq)> request;
  std::function<void(const std::shared_ptr<http_session>&, EndOfTransport, std::string note)> closed;
  // After closed, once no request of the connection holds a place: nothing more reaches it.
  std::function<void(const std::shared_ptr<http_session>&)> drained;
};

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tcp::socket socket, std::shared_ptr<const http_routes> routes, http_server_options options,
               std::shared_ptr<http_server_events> events, std::shared_ptr<std::atomic<std::size_t>> live,
               std::shared_ptr<pending_places> places);
  void start();
  // From any thread: the response bytes for request `seq` (from response_for()).
  void answer(std::uint32_t seq, std::string bytes);
  void close(EndOfTransport reason = EndOfTransport::ON_REQUEST, std::string note = {});
  // The client has gone: an answer now only frees its request's place.
  bool gone() const { return gone_; }
  // From any thread: a place among the listener's pending requests is this session's now.
  void granted();

  HostPort remote;
  std::uint32_t proxy_id = 0;  // set by whoever owns the session's address
  std::string opened_at;

 private:
  struct slot {
    std::uint32_t seq;
    std::optional<std::string> bytes;
    bool close_after = false;
    std::chrono::steady_clock::time_point deadline;
    bool head_only = false;            // a reply to HEAD: the headers of GET, no body
    bool announce_keep_alive = false;  // an HTTP/1.0 client that asked for keep-alive is told so
  };
  void read_next();
  void on_header();
  void on_read(boost::system::error_code ec);
  void enqueue(std::string bytes, bool close_after);
  void hold_or_park(message request, bool close_after);  // it reaches the app once it has a place
  void on_granted();
  bool release(std::uint32_t seq);
  void fill(std::uint32_t seq, std::string bytes);
  void write_next();
  void let_go_of_written();  // a large reply written: its buffer goes back
  void arm_deadline();
  void on_deadline();
  void drain_if_done();
  void arm_idle();
  void poll_for_reset();
  bool finished_if_reset();
  std::size_t queued_bytes() const;
  void finish(EndOfTransport reason, std::string note);

  tcp::socket socket_;
  std::shared_ptr<const http_routes> routes_;
  http_server_options options_;
  std::shared_ptr<http_server_events> events_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  net::steady_timer idle_timer_;
  net::steady_timer deadline_timer_;
  net::steady_timer write_timer_;
  std::deque<slot> slots_;
  // Requests whose work has not answered, each holding a place until then or until the time here.
  std::unordered_map<std::uint32_t, std::chrono::steady_clock::time_point> held_;
  // The request waiting for a place; reading pauses meanwhile.
  std::optional<std::pair<std::uint32_t, message>> parked_;
  bool in_line_ = false;  // among the places' waiters (once at most)
  std::string writing_;
  std::uint32_t next_seq_ = 1;
  bool reading_ = false;
  bool read_closed_ = false;  // no more requests will be read (close, error, EOF)
  bool next_head_only_ = false;            // for the slot enqueue() makes next
  bool next_announce_keep_alive_ = false;
  bool writing_now_ = false;
  bool finished_ = false;
  std::atomic<bool> gone_{false};
  bool drained_ = false;
  std::shared_ptr<std::atomic<std::size_t>> live_;
  std::shared_ptr<pending_places> places_;
};

class http_listener : public std::enable_shared_from_this<http_listener> {
 public:
  http_listener(net::io_context& context, std::shared_ptr<const http_routes> routes, http_server_options options,
                std::shared_ptr<http_server_events> events);
  HostPort open(const HostPort& where) { return acceptor_->open(where); }  // throws as acceptor::open
  void start();
  void stop() { acceptor_->stop(); }
  std::size_t connections() const { return *live_; }
  std::size_t pending_requests() const { return places_->taken(); }
  std::size_t waiting_for_a_place() const { return places_->waiting(); }

 private:
  void take(tcp::socket socket);
  std::shared_ptr<acceptor> acceptor_;
  std::shared_ptr<const http_routes> routes_;
  http_server_options options_;
  std::shared_ptr<http_server_events> events_;
  std::shared_ptr<std::atomic<std::size_t>> live_ = std::make_shared<std::atomic<std::size_t>>(0);
  std::shared_ptr<pending_places> places_;
};

std::string utc_now_text();

}  // namespace lc::detail
