#include "http_client_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>

#include "http_client_mapping.hpp"
#include "http_server_session.hpp"
#include "net_service.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {
namespace {

std::string end_text(EndOfTransport reason, const std::string& note) {
  std::string text = reason == EndOfTransport::ON_REQUEST ? "closed on request"
                     : reason == EndOfTransport::WENT_STALE ? "timed out"
                                                            : "connection lost";
  return note.empty() ? text : text + " (" + note + ")";
}

}  // namespace

http_client_session::http_client_session(tcp::socket socket, http_client_spec spec, address owner)
    : socket_(std::move(socket)),
      spec_(std::move(spec)),
      owner_(owner),
      write_timer_(socket_.get_executor()),
      read_timer_(socket_.get_executor()) {
  boost::system::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  if (auto e = socket_.remote_endpoint(ec); !ec) remote = HostPort{e.address().to_string(), e.port()};
  if (auto e = socket_.local_endpoint(ec); !ec) local = HostPort{e.address().to_string(), e.port()};
  opened_at = utc_now_text();
}

void http_client_session::start(address self, std::uint64_t closer) {
  net::dispatch(socket_.get_executor(), [s = shared_from_this(), self, closer] {
    s->self_ = self;
    s->closer_ = closer;
    s->read_next();
  });
}

void http_client_session::submit(std::string request_bytes, address requester, bool head) {
  net::post(socket_.get_executor(),
            [s = shared_from_this(), p = pending{std::move(request_bytes), requester, false, head}]() mutable {
    s->enqueue(std::move(p));
  });
}

void http_client_session::submit_close(address requester) {
  net::post(socket_.get_executor(), [s = shared_from_this(), requester] { s->enqueue(pending{{}, requester, true}); });
}

void http_client_session::close(EndOfTransport reason, std::string note) {
  net::dispatch(socket_.get_executor(), [s = shared_from_this(), reason, note = std::move(note)]() mutable {
    s->finish(reason, std::move(note));
  });
}

void http_client_session::enqueue(pending p) {
  if (finished_) {
    if (!p.close) post(Faulted("HTTP request not sent", "the connection is closed"), p.requester, self_);
    return;
  }
  if (!p.close && queue_.size() >= spec_.queue_limit) {
    post(Overloaded("request queue overflow", std::to_string(spec_.queue_limit) + " requests already pending"),
         p.requester, self_);
    return;
  }
  queue_.push_back(std::move(p));
  write_next();
}

void http_client_session::write_next() {
  if (in_flight_ || writing_now_ || queue_.empty() || finished_) return;
  if (queue_.front().close) return finish(EndOfTransport::ON_REQUEST, {});
  in_flight_ = true;
  writing_now_ = true;
  writing_ = std::move(queue_.front().bytes);
  expect_no_body_if_head();
  if (finished_) return;
  arm(write_timer_, spec_.write_timeout, "write_timeout", "request not written");
  net::async_write(socket_, net::buffer(writing_), [s = shared_from_this()](boost::system::error_code ec, std::size_t) {
    s->writing_now_ = false;
    s->write_timer_.cancel();
    std::string().swap(s->writing_);
    if (s->finished_) return;
    if (ec) return s->finish(EndOfTransport::ABANDONED_BY_REMOTE, ec.message());
    if (s->in_flight_) s->arm(s->read_timer_, s->spec_.read_timeout, "read_timeout", "no response");
    s->write_next();  // the answer may have come before the write finished
  });
}

// Expiry closes the connection; finish() tells whoever waits what ran out.
void http_client_session::arm(net::steady_timer& timer, std::chrono::milliseconds after, const char* option,
                              const char* what) {
  timer.expires_after(after);
  timer.async_wait([s = shared_from_this(), after, option, what](boost::system::error_code ec) {
    if (ec || s->finished_) return;
    s->finish(EndOfTransport::WENT_STALE,
              std::string(what) + " within " + std::to_string(after.count()) + " ms (" + option + ")");
  });
}

// A reply to HEAD carries the headers of GET (Content-Length too) and no body. Beast must be told
// before it has parsed any of the reply.
void http_client_session::expect_no_body_if_head() {
  if (!reading_ || !in_flight_ || !queue_.front().head) return;
  if (parser_->got_some()) return finish(EndOfTransport::INBOUND_STREAMING, "response before its request");
  parser_->skip(true);
}

void http_client_session::read_next() {
  parser_.emplace();
  parser_->body_limit(spec_.body_limit);
  reading_ = true;
  expect_no_body_if_head();
  http::async_read(socket_, buffer_, *parser_, [s = shared_from_this()](boost::system::error_code ec, std::size_t) {
    s->reading_ = false;
    if (s->finished_) return;
    if (ec) {
      bool gone = ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset;
      return s->finish(gone ? EndOfTransport::ABANDONED_BY_REMOTE : EndOfTransport::INBOUND_STREAMING, ec.message());
    }
    auto response = s->parser_->release();
    if (response.result_int() / 100 == 1) return s->read_next();  // interim (100 Continue, 103 ...): not the answer
    s->answer(response);
    if (s->finished_) return;
    s->write_next();
    s->read_next();
  });
}

void http_client_session::answer(http::response<http::string_body>& response) {
  if (!in_flight_) {
    write_log(tag::warning, self_, "http-client", "", "response with no request pending: connection closed");
    return finish(EndOfTransport::INBOUND_STREAMING, "unexpected response");
  }
  client_response r;
  r.http = response.version() == 10 ? "HTTP/1.0" : "HTTP/" + std::to_string(response.version() / 10) + "." +
                                                       std::to_string(response.version() % 10);
  r.status_code = static_cast<int>(response.result_int());
  r.reason_phrase = std::string(response.reason());
  r.head_request = queue_.front().head;
  for (const auto& field : response) r.header.emplace_back(std::string(field.name_string()), std::string(field.value()));
  if (!r.head_request && (response.has_content_length() || !response.body().empty())) r.body = std::move(response.body());
  address requester = queue_.front().requester;
  queue_.pop_front();
  in_flight_ = false;
  read_timer_.cancel();
  post(client_response_message(std::move(r), spec_.layer_cake_json), requester, self_);
}

void http_client_session::finish(EndOfTransport reason, std::string note) {
  if (finished_) return;
  finished_ = true;
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  write_timer_.cancel();
  read_timer_.cancel();
  for (auto& p : queue_)
    if (!p.close) post(Faulted("HTTP request not answered", end_text(reason, note)), p.requester, self_);
  queue_.clear();
  net_service::instance().remove_closer(closer_);
  Closed closed;
  closed.reason = reason;
  if (!note.empty()) closed.note = note;
  closed.opened_ipp = remote;
  closed.opened_at = opened_at;
  post(message(std::move(closed)), owner_, self_);
  remove_external(self_);
}

}  // namespace lc::detail
