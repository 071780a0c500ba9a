#pragma once
// host-cake on a free loopback port, and processes told where it is with --connect-to-directory.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario_server.hpp"

namespace scenario_test {

inline std::string host_port(unsigned short port) {
  return R"({"host":"127.0.0.1","port":)" + std::to_string(port) + "}";
}

struct host_cake_at {
  unsigned short port = 0;
};

struct host_cake : host_cake_at {
  std::unique_ptr<scenario_server> process;
};

inline host_cake start_host_cake() {
  std::string last_output;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto port = free_port();
    auto process = std::make_unique<scenario_server>(
        binary_path("host-cake"),
        std::vector<std::string>{"--directory-at-host=" + host_port(port), "--debug-level=CONSOLE"},
        std::map<std::string, std::string>{});
    if (process->wait_for_line(contains("Listening for directories at 127.0.0.1:" + std::to_string(port)), 10s))
      return {{port}, std::move(process)};
    process->wait_exit(2s);
    last_output = process->output();
    if (last_output.find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error("host-cake did not start listening; stderr:\n" + last_output);
}

inline std::unique_ptr<scenario_server> start_listing(const std::string& program, const host_cake_at& host,
                                                      std::vector<std::string> more = {}) {
  std::vector<std::string> arguments{"--connect-to-directory=" + host_port(host.port)};
  arguments.insert(arguments.end(), more.begin(), more.end());
  return std::make_unique<scenario_server>(binary_path(program), arguments, std::map<std::string, std::string>{});
}

}  // namespace scenario_test
