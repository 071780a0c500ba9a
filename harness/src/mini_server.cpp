#include "lc_harness/mini_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <charconv>
#include <iostream>
#include <memory>

namespace lc::harness {

namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

bool parse_xy(std::string_view target, int& x, int& y) {
  if (!target.starts_with("/Xy?")) return false;
  target.remove_prefix(4);
  bool got_x = false, got_y = false;
  while (!target.empty()) {
    const auto amp = target.find('&');
    auto pair = target.substr(0, amp);
    target = amp == std::string_view::npos ? std::string_view() : target.substr(amp + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) return false;
    auto key = pair.substr(0, eq), value = pair.substr(eq + 1);
    int v = 0;
    if (std::from_chars(value.data(), value.data() + value.size(), v).ec != std::errc() || v < 0) return false;
    if (key == "x") x = v, got_x = true;
    else if (key == "y") y = v, got_y = true;
  }
  return got_x && got_y;
}

class session : public std::enable_shared_from_this<session> {
public:
  session(tcp::socket socket, const request_handler& handler) : stream_(std::move(socket)), handler_(handler) {}

  void read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->handle();
    });
  }

private:
  void handle() {
    handler_(request_.method(), request_.target(), request_.body(),
             [self = shared_from_this()](http::status status, std::string body) { self->respond(status, std::move(body)); });
  }

  void respond(http::status status, std::string body) {
    response_ = {status, request_.version()};
    response_.set(http::field::content_type, "application/json");
    response_.keep_alive(request_.keep_alive());
    response_.body() = std::move(body);
    response_.prepare_payload();
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || !self->response_.keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  const request_handler& handler_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void accept(tcp::acceptor& acceptor, const request_handler& handler) {
  acceptor.async_accept([&acceptor, &handler](beast::error_code ec, tcp::socket socket) {
    if (ec) return;
    socket.set_option(tcp::no_delay(true));
    std::make_shared<session>(std::move(socket), handler)->read();
    accept(acceptor, handler);
  });
}

}  // namespace

server_address parse_server_address(int argc, char** argv) {
  server_address a;
  const std::string_view flag = "--server-address=";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!arg.starts_with(flag)) continue;
    auto v = boost::json::parse(arg.substr(flag.size())).as_object();
    if (auto* h = v.if_contains("host")) a.host = std::string(h->as_string());
    if (auto* p = v.if_contains("port")) a.port = static_cast<unsigned short>(p->to_number<int>());
  }
  return a;
}

int run_mini_server(const mini_server_options& options, const server_address& address, net::io_context& io,
                    xy_handler handler) {
  return run_mini_server(options, address, io,
                         [handler = std::move(handler)](http::verb method, std::string_view target, const std::string&,
                                                        reply_fn reply) {
                           int x = 0, y = 0;
                           if (method != http::verb::get || !parse_xy(target, x, y))
                             return reply(http::status::bad_request,
                                          R"({"value":["Faulted",{"condition":"bad request"}]})");
                           handler(x, y, std::move(reply));
                         });
}

int run_mini_server(const mini_server_options& options, const server_address& address, net::io_context& io,
                    request_handler handler) {
  // Signals are taken before the port opens: whoever sees it listening may signal at once.
  net::signal_set signals(io, SIGINT, SIGTERM);
  tcp::acceptor acceptor(io);
  beast::error_code ec;
  const tcp::endpoint endpoint(net::ip::make_address(address.host), address.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << options.name << ": cannot listen at \"" << address.host << ":" << address.port << "\" ("
              << (ec == net::error::address_in_use ? "Address already in use" : ec.message()) << ")" << std::endl;
    return 71;
  }
  accept(acceptor, handler);
  std::function<void(beast::error_code, int)> on_signal = [&](beast::error_code e, int) {
    if (e) return;
    if (!options.exit_on_signal) return signals.async_wait(on_signal);
    std::cerr << options.name << ": aborted (user or software interrupt)" << std::endl;
    io.stop();
  };
  signals.async_wait(on_signal);
  io.run();
  return 71;
}

}  // namespace lc::harness
