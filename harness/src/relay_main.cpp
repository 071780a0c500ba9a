// Ceiling for scenarios 7 and 8: HTTP in, one loopback TCP round trip to a worker process, HTTP out.
#include "lc_harness/mini_server.hpp"

#include <boost/asio.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <vector>

extern char** environ;

using namespace lc::harness;
using tcp = net::ip::tcp;

namespace {

struct worker_link {
  explicit worker_link(net::io_context& io) : socket(io) {}
  tcp::socket socket;
  std::array<std::uint32_t, 2> request{};
  std::uint32_t length = 0;
  std::string body;
};

pid_t start_worker(unsigned short& port) {
  const auto path = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "lc-relay-worker";
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  std::string arg0 = path.string();
  char* argv[] = {arg0.data(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  char line[32] = {};
  pollfd p{fds[0], POLLIN, 0};
  if (pid > 0 && ::poll(&p, 1, 5000) == 1 && ::read(fds[0], line, sizeof line - 1) > 0) port = static_cast<unsigned short>(std::atoi(line));
  ::close(fds[0]);
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  const auto address = parse_server_address(argc, argv);
  unsigned short worker_port = 0;
  const pid_t worker = start_worker(worker_port);
  if (worker <= 0 || worker_port == 0) {
    std::cerr << "lc-relay: cannot start lc-relay-worker" << std::endl;
    return 1;
  }
  net::io_context io(1);
  const tcp::endpoint worker_endpoint(net::ip::make_address("127.0.0.1"), worker_port);
  std::vector<std::shared_ptr<worker_link>> idle;
  auto fault = [](reply_fn& reply) {
    reply(http::status::bad_gateway, R"({"value":["Faulted",{"condition":"worker lost"}]})");
  };
  const int rc = run_mini_server({"lc-relay"}, address, io, [&](int x, int y, reply_fn reply) {
    std::shared_ptr<worker_link> link;
    if (!idle.empty()) {
      link = std::move(idle.back());
      idle.pop_back();
    } else {
      link = std::make_shared<worker_link>(io);
      boost::system::error_code ec;
      link->socket.connect(worker_endpoint, ec);
      if (ec) return fault(reply);
      link->socket.set_option(tcp::no_delay(true));
    }
    link->request = {static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
    net::async_write(link->socket, net::buffer(link->request), [&, link, reply](boost::system::error_code ec, std::size_t) mutable {
      if (ec) return fault(reply);
      net::async_read(link->socket, net::buffer(&link->length, 4), [&, link, reply](boost::system::error_code ec, std::size_t) mutable {
        if (ec) return fault(reply);
        link->body.resize(link->length);
        net::async_read(link->socket, net::buffer(link->body), [&, link, reply](boost::system::error_code ec, std::size_t) mutable {
          if (ec) return fault(reply);
          reply(http::status::ok, link->body);
          idle.push_back(link);
        });
      });
    });
  });
  ::kill(worker, SIGKILL);
  ::waitpid(worker, nullptr, 0);
  return rc;
}
