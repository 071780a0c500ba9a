#include "http_server_session.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>

#include "lc/log.hpp"
#include "memory_release.hpp"

namespace lc::detail {
namespace {

std::string with_connection_close(std::string bytes) {
  auto end = bytes.find("\r\n\r\n");
  if (end != std::string::npos && bytes.find("\r\nConnection: close\r\n") == std::string::npos)
    bytes.insert(end + 2, "Connection: close\r\n");
  return bytes;
}

std::string with_header(std::string bytes, std::string_view header) {
  auto end = bytes.find("\r\n\r\n");
  if (end != std::string::npos) bytes.insert(end + 2, std::string(header) + "\r\n");
  return bytes;
}

constexpr std::size_t unparsed_slack = 64 * 1024;
constexpr std::chrono::milliseconds reset_poll{200};

void log_network(char tag, const std::string& text) { write_log(tag, address{}, "network", "", text); }

}  // namespace

std::string utc_now_text() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[48];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%06lld", static_cast<long long>(micros));
  return text;
}

http_session::http_session(tcp::socket socket, std::shared_ptr<const http_routes> routes,
                           http_server_options options, std::shared_ptr<http_server_events> events,
                           std::shared_ptr<std::atomic<std::size_t>> live,
                           std::shared_ptr<pending_places> places)
    : socket_(std::move(socket)),
      routes_(std::move(routes)),
      options_(options),
      events_(std::move(events)),
      // Bounds what an unparsed header, chunk header or trailer may hold: Beast limits only headers.
      buffer_(options.header_limit + unparsed_slack),
      idle_timer_(socket_.get_executor()),
      deadline_timer_(socket_.get_executor()),
      write_timer_(socket_.get_executor()),
      live_(std::move(live)),
      places_(std::move(places)) {
  boost::system::error_code ec;
  auto peer = socket_.remote_endpoint(ec);
  if (!ec) remote = HostPort{peer.address().to_string(), peer.port()};
  socket_.set_option(tcp::no_delay(true), ec);
  opened_at = utc_now_text();
}

void http_session::start() {
  net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
    if (self->events_->accepted) self->events_->accepted(self);
    self->read_next();
  });
}

void http_session::read_next() {
  if (reading_ || read_closed_ || finished_) return;
  if (parked_) return poll_for_reset();  // resumed once the parked request has a place
  // Resumed when a response goes out.
  if (slots_.size() >= options_.max_pending || queued_bytes() > options_.max_queued_bytes) return poll_for_reset();
  reading_ = true;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit));
  parser_->body_limit(options_.body_limit);
  arm_idle();
  http::async_read_header(socket_, buffer_, *parser_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    if (ec || self->finished_) return self->on_read(ec);
    self->on_header();
  });
}

// A client that sent `Expect: 100-continue` waits for the interim response before its body. It is
// sent only when nothing is ahead of it on the connection; otherwise the client's own wait runs out
// and it sends the body anyway (RFC 9110 §10.1.1).
void http_session::on_header() {
  auto read_rest = [self = shared_from_this()] {
    http::async_read(self->socket_, self->buffer_, *self->parser_,
                     [self](boost::system::error_code ec, std::size_t) { self->on_read(ec); });
  };
  const auto& request = parser_->get();
  auto expect = request.find(http::field::expect);
  bool wants_continue = expect != request.end() && boost::beast::iequals(expect->value(), "100-continue") &&
                        !parser_->is_done();
  if (!wants_continue || !slots_.empty() || writing_now_) return read_rest();
  static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
  writing_now_ = true;
  net::async_write(socket_, net::buffer(go_on.data(), go_on.size()),
                   [self = shared_from_this(), read_rest](boost::system::error_code ec, std::size_t) {
                     self->writing_now_ = false;
                     if (self->finished_) return;
                     if (ec) return self->finish(EndOfTransport::ABANDONED_BY_REMOTE, ec.message());
                     read_rest();
                   });
}

// While reading pauses, a reset would go unseen until a reply failed to go out, and the work of
// the connection's requests would run on. An Asio wait for it would hold back the later read (a
// read does not start at once while another wait is pending), so the socket is looked at instead.
void http_session::poll_for_reset() {
  idle_timer_.expires_after(reset_poll);
  idle_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || self->finished_ || self->reading_) return;
    if (!self->finished_if_reset()) self->poll_for_reset();
  });
}

// A reset leaves the connection in TCP_CLOSE even while pipelined bytes wait unread (in the kernel
// or in buffer_), where a peek or a parse would only see the bytes. Its SO_ERROR is not enough:
// a write that meets the reset takes it.
bool http_session::finished_if_reset() {
  tcp_info info{};
  socklen_t size = sizeof info;
  if (::getsockopt(socket_.native_handle(), IPPROTO_TCP, TCP_INFO, &info, &size) != 0 || info.tcpi_state != TCP_CLOSE)
    return false;
  finish(EndOfTransport::ABANDONED_BY_REMOTE, "reset by the client");
  return true;
}

std::size_t http_session::queued_bytes() const {
  std::size_t total = 0;
  for (const auto& s : slots_)
    if (s.bytes) total += s.bytes->size();
  return total;
}

void http_session::arm_idle() {
  idle_timer_.expires_after(options_.idle_timeout);
  idle_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || self->finished_) return;
    if (!self->slots_.empty()) return self->arm_idle();  // waiting on the app, not on the client
    self->finish(EndOfTransport::WENT_STALE, "idle or slow client");
  });
}

void http_session::on_read(boost::system::error_code ec) {
  reading_ = false;
  idle_timer_.cancel();
  if (finished_) return;
  if (ec) {
    read_closed_ = true;
    if (ec == http::error::end_of_stream || ec == net::error::eof) {
      // The client finished sending; answer what it asked, then close.
      if (slots_.empty()) finish(EndOfTransport::ABANDONED_BY_REMOTE, "");
      else slots_.back().close_after = true;
      return;
    }
    if (ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == net::error::broken_pipe)
      return finish(EndOfTransport::ABANDONED_BY_REMOTE, ec.message());
    bool unbounded = ec == http::error::buffer_overflow;
    int status = ec == http::error::header_limit || unbounded ? 431 : ec == http::error::body_limit ? 413 : 400;
    std::string text = unbounded ? "request header, chunk header or trailer over " +
                                       std::to_string(options_.header_limit + unparsed_slack) + " bytes"
                       : status == 431 ? "request header over " + std::to_string(options_.header_limit) + " bytes"
                       : status == 413 ? "request body over " + std::to_string(options_.body_limit) + " bytes"
                                       : "malformed request (" + ec.message() + ")";
    enqueue(fault_response(status, "cannot recover request", text, false, routes_->server()), true);
    return;
  }
  auto& request = parser_->get();
  bool keep_alive = request.keep_alive();
  next_head_only_ = request.method() == http::verb::head;
  next_announce_keep_alive_ = keep_alive && request.version() == 10;
  auto content_type = request.find(http::field::content_type);
  http_request_view view{std::string_view(request.method_string()), std::string_view(request.target()),
                         content_type == request.end() ? std::string_view{} : std::string_view(content_type->value()), request.body()};
  std::map<std::string, std::string> header;
  if (routes_->needs_header()) {
    for (const auto& field : request) header[std::string(field.name_string())] = std::string(field.value());
    view.header = &header;
    view.version = request.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
  }
  auto mapped = map_request(*routes_, view);
  if (!keep_alive) read_closed_ = true;
  if (mapped.status != 200) {
    enqueue(response_for(mapped.value, true, routes_->server()), !keep_alive);
  } else {
    return hold_or_park(std::move(mapped.value), !keep_alive);
  }
  read_next();
}

// Over the cap, the request waits in its place in the pipeline for a place among the pending
// ones (its 504 deadline running), and the connection reads no more meanwhile.
void http_session::hold_or_park(message request, bool close_after) {
  // Requests parsed from bytes already read need no read that would see a reset: look for one.
  if ((buffer_.size() > 0 || in_line_) && finished_if_reset()) return;
  std::uint32_t seq = next_seq_;
  bool placed = !in_line_ && places_->take_or_wait(weak_from_this());
  if (placed) {
    held_.emplace(seq, std::chrono::steady_clock::now() + options_.hold_limit);
  } else {
    in_line_ = true;
    parked_.emplace(seq, std::move(request));
  }
  enqueue({}, close_after);
  if (placed && events_->request) events_->request(shared_from_this(), std::move(request), seq);
  read_next();
}

void http_session::granted() {
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->on_granted(); });
}

// A parked request that has had its 504, or whose client has gone, passes the place on.
void http_session::on_granted() {
  in_line_ = false;
  auto parked = std::exchange(parked_, std::nullopt);
  // Grants may come faster than poll_for_reset looks, so the socket is looked at here as well.
  if (finished_ || !parked || finished_if_reset()) return places_->give_back();
  auto [seq, request] = std::move(*parked);
  held_.emplace(seq, std::chrono::steady_clock::now() + options_.hold_limit);
  arm_deadline();
  if (events_->request) events_->request(shared_from_this(), std::move(request), seq);
  read_next();
}

bool http_session::release(std::uint32_t seq) {
  if (held_.erase(seq) == 0) return false;
  places_->give_back();
  return true;
}

void http_session::enqueue(std::string bytes, bool close_after) {
  slot s{next_seq_++, std::nullopt, close_after, std::chrono::steady_clock::now() + options_.request_deadline,
         std::exchange(next_head_only_, false), std::exchange(next_announce_keep_alive_, false)};
  if (!bytes.empty()) s.bytes = std::move(bytes);
  slots_.push_back(std::move(s));
  if (close_after) read_closed_ = true;
  arm_deadline();
  write_next();
}

void http_session::answer(std::uint32_t seq, std::string bytes) {
  net::post(socket_.get_executor(), [self = shared_from_this(), seq, bytes = std::move(bytes)]() mutable {
    self->fill(seq, std::move(bytes));
  });
}

// A late answer (after a 504, or to a client that has gone) only frees its place.
void http_session::fill(std::uint32_t seq, std::string bytes) {
  bool was_held = release(seq);
  if (finished_) return drain_if_done();
  for (auto& s : slots_)
    if (s.seq == seq && !s.bytes) {
      s.bytes = std::move(bytes);
      return write_next();
    }
  if (!was_held)
    log_network(tag::warning, "reply to HTTP request " + std::to_string(seq) + " from " + remote.host + ":" +
                                  std::to_string(remote.port) + " dropped (already answered)");
}

// The timer serves the earliest of: a request's 504, a place held past hold_limit. It keeps a
// finished session alive while places are held, so that late answers still find it.
void http_session::arm_deadline() {
  std::optional<std::chrono::steady_clock::time_point> earliest;
  auto consider = [&](std::chrono::steady_clock::time_point t) {
    if (!earliest || t < *earliest) earliest = t;
  };
  for (const auto& s : slots_)
    if (!s.bytes) consider(s.deadline);
  for (const auto& [seq, until] : held_) consider(until);
  if (!earliest) return;
  deadline_timer_.expires_at(*earliest);
  deadline_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->on_deadline();
  });
}

void http_session::on_deadline() {
  auto now = std::chrono::steady_clock::now();
  for (auto& s : slots_)
    if (!s.bytes && s.deadline <= now) {
      if (parked_ && parked_->first == s.seq) parked_.reset();
      s.bytes = fault_response(504, "request timed out",
                               "no reply within " + std::to_string(options_.request_deadline.count()) + " ms", true,
                               routes_->server());
    }
  auto expired = std::erase_if(held_, [&](const auto& h) { return h.second <= now; });
  if (expired > 0) {
    places_->give_back(expired);
    log_network(tag::warning, std::to_string(expired) + " HTTP request(s) from " + remote.host + ":" +
                                  std::to_string(remote.port) + " unanswered after hold_limit (" +
                                  std::to_string(options_.hold_limit.count()) + " ms): their places are freed");
  }
  if (finished_) return drain_if_done();
  arm_deadline();
  write_next();
}

void http_session::drain_if_done() {
  if (!held_.empty()) return arm_deadline();
  if (drained_) return;
  drained_ = true;
  deadline_timer_.cancel();
  if (events_->drained) events_->drained(shared_from_this());
}

void http_session::write_next() {
  if (writing_now_ || finished_ || slots_.empty() || !slots_.front().bytes) return;
  writing_now_ = true;
  bool close_after = slots_.front().close_after;
  const auto& front = slots_.front();
  writing_ = close_after ? with_connection_close(std::move(*front.bytes)) : std::move(*front.bytes);
  if (front.announce_keep_alive && !close_after) writing_ = with_header(std::move(writing_), "Connection: keep-alive");
  if (front.head_only) writing_.resize(std::min(writing_.size(), writing_.find("\r\n\r\n") + 4));
  write_timer_.expires_after(options_.write_timeout);
  write_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec && self->writing_now_) self->finish(EndOfTransport::WENT_STALE, "client not reading its replies");
  });
  net::async_write(socket_, net::buffer(writing_),
                   [self = shared_from_this(), close_after](boost::system::error_code ec, std::size_t) {
                     self->writing_now_ = false;
                     self->write_timer_.cancel();
                     self->let_go_of_written();
                     if (self->finished_) return;
                     if (ec) return self->finish(EndOfTransport::ABANDONED_BY_REMOTE, ec.message());
                     self->slots_.pop_front();
                     if (close_after) return self->finish(EndOfTransport::ON_REQUEST, "Connection: close");
                     if (self->slots_.empty() && self->read_closed_ && !self->reading_)
                       return self->finish(EndOfTransport::ABANDONED_BY_REMOTE, "");
                     self->write_next();
                     self->read_next();
                   });
}

void http_session::let_go_of_written() {
  auto capacity = writing_.capacity();
  if (capacity < large_buffer_bytes) return;
  std::string().swap(writing_);
  release_memory_soon(socket_.get_executor(), capacity);
}

void http_session::close(EndOfTransport reason, std::string note) {
  net::dispatch(socket_.get_executor(), [self = shared_from_this(), reason, note = std::move(note)]() mutable {
    self->finish(reason, std::move(note));
  });
}

void http_session::finish(EndOfTransport reason, std::string note) {
  if (finished_) return;
  finished_ = true;
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  idle_timer_.cancel();
  write_timer_.cancel();
  release_memory_soon(socket_.get_executor(), queued_bytes());
  slots_.clear();
  parked_.reset();
  gone_ = true;
  --*live_;
  if (events_->closed) events_->closed(shared_from_this(), reason, std::move(note));
  drain_if_done();
}

http_listener::http_listener(net::io_context& context, std::shared_ptr<const http_routes> routes,
                             http_server_options options, std::shared_ptr<http_server_events> events)
    : acceptor_(std::make_shared<acceptor>(context)),
      routes_(std::move(routes)),
      options_(options),
      events_(std::move(events)),
      places_(std::make_shared<pending_places>(options_.max_pending_requests)) {}

void http_listener::start() {
  acceptor_->start([self = shared_from_this()](tcp::socket socket) { self->take(std::move(socket)); });
}

void http_listener::take(tcp::socket socket) {
  if (*live_ >= options_.max_connections) {
    auto refused = std::make_shared<std::pair<tcp::socket, std::string>>(
        std::move(socket), fault_response(503, "server overloaded", "too many connections", false, routes_->server()));
    net::async_write(refused->first, net::buffer(refused->second), [refused](boost::system::error_code, std::size_t) {
      boost::system::error_code e;
      refused->first.shutdown(tcp::socket::shutdown_both, e);
    });
    return;
  }
  ++*live_;
  std::make_shared<http_session>(std::move(socket), routes_, options_, events_, live_, places_)->start();
}

}  // namespace lc::detail
