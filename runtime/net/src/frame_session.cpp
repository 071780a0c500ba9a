#include "frame_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "http_server_session.hpp"
#include "memory_release.hpp"

namespace lc::detail {

frame_session::frame_session(tcp::socket socket, const frame_options& options)
    : socket_(std::move(socket)), options_(options), parser_(options.frame_cap), idle_timer_(socket_.get_executor()) {
  boost::system::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  if (auto e = socket_.remote_endpoint(ec); !ec) remote = HostPort{e.address().to_string(), e.port()};
  if (auto e = socket_.local_endpoint(ec); !ec) local = HostPort{e.address().to_string(), e.port()};
  opened_at = utc_now_text();
}

void frame_session::start(events e) {
  net::dispatch(socket_.get_executor(), [self = shared_from_this(), e = std::move(e)]() mutable {
    self->events_ = std::move(e);
    self->last_heard_ = std::chrono::steady_clock::now();
    if (self->options_.idle_timeout.count() > 0) self->arm_idle();
    self->read_next();
  });
}

void frame_session::arm_idle() {
  idle_timer_.expires_at(last_heard_ + options_.idle_timeout);
  idle_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || self->finished_) return;
    if (std::chrono::steady_clock::now() < self->last_heard_ + self->options_.idle_timeout) return self->arm_idle();
    self->finish(EndOfTransport::WENT_STALE,
                 "idle peer (nothing received in " + std::to_string(self->options_.idle_timeout.count()) + " ms)");
  });
}

void frame_session::read_next() {
  socket_.async_read_some(net::buffer(chunk_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    if (self->finished_) return;
    if (ec) {
      bool eof = ec == net::error::eof || ec == net::error::connection_reset;
      return self->finish(eof ? EndOfTransport::ABANDONED_BY_REMOTE : EndOfTransport::INBOUND_STREAMING, ec.message());
    }
    self->last_heard_ = std::chrono::steady_clock::now();
    self->parser_.feed(std::string_view(self->chunk_, n));
    try {
      while (auto frame = self->parser_.next())
        if (self->events_.frame) self->events_.frame(std::move(*frame));
    } catch (const std::exception& e) {
      return self->finish(EndOfTransport::INBOUND_STREAMING, e.what());
    }
    self->read_next();
  });
}

void frame_session::send(std::string bytes) {
  net::post(socket_.get_executor(), [self = shared_from_this(), bytes = std::move(bytes)]() mutable {
    if (self->finished_) return;
    self->queued_bytes_ += bytes.size();
    self->outbox_.push_back(std::move(bytes));
    // The frame being written does not count: one frame may be as big as the cap allows.
    std::size_t waiting = self->queued_bytes_ - (self->writing_ ? self->outbox_.front().size() : 0);
    if (waiting > self->options_.max_queued_bytes)
      return self->finish(EndOfTransport::OUTBOUND_STREAMING,
                          "peer not reading: " + std::to_string(waiting) + " bytes waiting, over max_queued_bytes (" +
                              std::to_string(self->options_.max_queued_bytes) + ")");
    self->write_next();
  });
}

void frame_session::write_next() {
  if (writing_ || outbox_.empty() || finished_) return;
  writing_ = true;
  net::async_write(socket_, net::buffer(outbox_.front()), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    self->writing_ = false;
    if (self->finished_) return;
    if (ec) return self->finish(EndOfTransport::ABANDONED_BY_REMOTE, ec.message());
    auto written = self->outbox_.front().size();
    self->queued_bytes_ -= written;
    self->outbox_.pop_front();
    release_memory_soon(self->socket_.get_executor(), written);
    self->write_next();
  });
}

void frame_session::close(EndOfTransport reason, std::string note) {
  net::dispatch(socket_.get_executor(), [self = shared_from_this(), reason, note = std::move(note)]() mutable {
    self->finish(reason, std::move(note));
  });
}

void frame_session::finish(EndOfTransport reason, std::string note) {
  if (finished_) return;
  finished_ = true;
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  idle_timer_.cancel();
  outbox_.clear();
  queued_bytes_ = 0;
  if (events_.closed) events_.closed(reason, std::move(note));
}

}  // namespace lc::detail
