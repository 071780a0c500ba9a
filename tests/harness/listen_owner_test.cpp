#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lc_harness/listen_owner.hpp"

namespace {

struct loopback_listener {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  unsigned short port = 0;
  loopback_listener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd, 1);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~loopback_listener() { ::close(fd); }
};

}  // namespace

TEST(listen_owner, the_process_holding_the_listen_socket_owns_the_port) {
  loopback_listener listener;
  EXPECT_TRUE(lc::harness::process_listens_on(::getpid(), listener.port));
}

TEST(listen_owner, another_process_does_not_own_a_port_someone_else_listens_on) {
  loopback_listener listener;
  EXPECT_FALSE(lc::harness::process_listens_on(::getppid(), listener.port));
}

TEST(listen_owner, a_closed_port_has_no_owner) {
  unsigned short port;
  {
    loopback_listener listener;
    port = listener.port;
  }
  EXPECT_FALSE(lc::harness::process_listens_on(::getpid(), port));
}
