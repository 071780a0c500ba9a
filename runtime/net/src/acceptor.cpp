#include "acceptor.hpp"

#include <cerrno>
#include <chrono>
#include <stdexcept>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "lc/log.hpp"

namespace lc::detail {
namespace {

constexpr auto out_of_descriptors_pause = std::chrono::milliseconds(100);

bool out_of_descriptors(const boost::system::error_code& ec) {
  return ec == net::error::no_descriptors || ec.value() == ENFILE || ec == net::error::no_buffer_space;
}

}  // namespace

bool valid_port(std::int64_t port) { return port >= 0 && port <= 65535; }

acceptor::acceptor(net::io_context& context)
    : context_(context), acceptor_(net::make_strand(context)), pause_timer_(acceptor_.get_executor()) {}

HostPort acceptor::open(const HostPort& where) {
  if (!valid_port(where.port)) throw std::invalid_argument("port out of range (0-65535)");
  tcp::endpoint endpoint(net::ip::make_address(where.host), static_cast<unsigned short>(where.port));
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  auto bound = acceptor_.local_endpoint();
  return HostPort{bound.address().to_string(), bound.port()};
}

void acceptor::start(on_accept accepted) {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this(), accepted = std::move(accepted)]() mutable {
    self->accepted_ = std::move(accepted);
    self->accept_next();
  });
}

void acceptor::stop() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->acceptor_.close(ec);
    self->pause_timer_.cancel();
    self->accepted_ = nullptr;
  });
}

void acceptor::accept_next() {
  acceptor_.async_accept(net::make_strand(context_), [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
    if (out_of_descriptors(ec)) {
      write_log(tag::warning, address{}, "network", "", "accept paused for 100 ms (" + ec.message() + ")");
      self->pause_timer_.expires_after(out_of_descriptors_pause);
      self->pause_timer_.async_wait([self](boost::system::error_code e) {
        if (!e) self->accept_next();
      });
      return;
    }
    if (ec) write_log(tag::warning, address{}, "network", "", "accept failed (" + ec.message() + "), retrying");
    else if (self->accepted_) self->accepted_(std::move(socket));
    self->accept_next();
  });
}

}  // namespace lc::detail
