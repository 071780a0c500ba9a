// The relay's worker: reads (x, y) as two uint32, answers a uint32 length and the body.
#include "lc_harness/xy_body.hpp"

#include <boost/asio.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <iostream>
#include <map>
#include <memory>

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> bodies;

const std::string& body_for(std::uint32_t x, std::uint32_t y) {
  auto it = bodies.find({x, y});
  if (it == bodies.end()) it = bodies.emplace(std::pair{x, y}, lc::harness::make_xy_body(int(x), int(y))).first;
  return it->second;
}

struct link : std::enable_shared_from_this<link> {
  explicit link(tcp::socket s) : socket(std::move(s)) {}
  void serve() {
    net::async_read(socket, net::buffer(request), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
      if (ec) return;
      const auto& body = body_for(self->request[0], self->request[1]);
      self->length = static_cast<std::uint32_t>(body.size());
      std::array<net::const_buffer, 2> out{net::buffer(&self->length, 4), net::buffer(body)};
      net::async_write(self->socket, out, [self](boost::system::error_code ec, std::size_t) {
        if (!ec) self->serve();
      });
    });
  }
  tcp::socket socket;
  std::array<std::uint32_t, 2> request{};
  std::uint32_t length = 0;
};

void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](boost::system::error_code ec, tcp::socket s) {
    if (ec) return;
    s.set_option(tcp::no_delay(true));
    std::make_shared<link>(std::move(s))->serve();
    accept(acceptor);
  });
}

}  // namespace

int main() {
  const pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) return 1;
  net::io_context io(1);
  tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  std::cout << acceptor.local_endpoint().port() << std::endl;
  accept(acceptor);
  io.run();
}
