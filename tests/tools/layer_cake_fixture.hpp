#pragma once
// layer-cake run as a child over a home of the test's own (home_test), and a port for a role.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "home_processes.hpp"

namespace tools_test {

using namespace std::chrono_literals;

class layer_cake : public tools_test::home_test {
 protected:
  entry_test::child_result command(std::vector<std::string> args) const {
    args.push_back("--home-path=" + home_.string());
    return entry_test::run_child("layer-cake", args, 30s);
  }
  void made(std::vector<std::string> args) const {
    auto r = command(std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  }
  std::string text_of(const std::filesystem::path& name) const {
    std::ifstream file(home_ / name);
    return std::string((std::istreambuf_iterator<char>(file)), {});
  }
  bool lists(const std::string& sub_command, const std::vector<std::string>& roles) const {
    auto r = command({sub_command});
    std::string expected;
    for (const auto& role : roles) expected += role + "\n";
    return r.code == 0 && r.out == expected;
  }
};

// A port stored in a role cannot be retried when taken, so it comes from outside the range the
// kernel hands out for port 0 (where every other test's listeners are).
inline unsigned short port_outside_the_ephemeral_range() {
  std::mt19937 random(std::random_device{}());
  for (;;) {
    auto port = static_cast<unsigned short>(std::uniform_int_distribution<int>(20000, 29999)(random));
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(port);
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0;
    ::close(fd);
    if (free) return port;
  }
}

}  // namespace tools_test
