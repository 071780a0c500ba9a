// Scenario 10 across two hosts made on this machine (test_hosts.hpp), as the multihosting chapter
// runs it: lan-cake (at 10.0.0.195) and a host-cake on host A with the server, a host-cake on
// host B with the workers; the workers' LAN listings go B's host-cake -> lan-cake -> A's host-cake, and the
// server connects to B's workers over the veth pair.
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "http_client.hpp"
#include "response_check.hpp"
#include "test_hosts.hpp"

namespace {

using namespace std::chrono_literals;
using scenario_test::contains;
using scenario_test::scenario_server;

std::string at(const std::string& host, int port) {
  return R"({"host":")" + host + R"(","port":)" + std::to_string(port) + "}";
}

class lan_hosts : public testing::Test {
 protected:
  static constexpr unsigned short server_port = 5050;

  void SetUp() override {
    if (!hosts_.made()) GTEST_SKIP() << "cannot make network namespaces here (needs root: ip netns add)";
    lan_cake_ = hosts_.start(hosts_.a(), "lan-cake", {lan_at(), "--debug-level=CONSOLE"});
    ASSERT_TRUE(lan_cake_->wait_for_line(contains("Listening for directories at 10.0.0.195:54195"), 10s))
        << lan_cake_->output();
  }

  static std::string lan_at() { return "--directory-at-lan=" + at(scenario_test::test_hosts::standard_lan, 54195); }

  // A host-cake on each host, connected to lan-cake; the server on A and two workers on B.
  void start_scenario_10() {
    for (const auto& host : {hosts_.a(), hosts_.b()}) {
      host_cakes_.push_back(hosts_.start(host, "host-cake", {lan_at(), "--debug-level=CONSOLE"}));
      ASSERT_TRUE(host_cakes_.back()->wait_for_line(contains("Connected to directory at 10.0.0.195:54195"), 10s))
          << host_cakes_.back()->output();
    }
    server_ = hosts_.start(hosts_.a(), "test_server_10",
                           {"--server-address=" + at("127.0.0.1", server_port), "--debug-level=DEBUG"});
    for (int i = 0; i < 2; ++i) workers_.push_back(hosts_.start(hosts_.b(), "test_worker_10", {}));
  }

  // The status of a GET from inside host A, once it is `wanted` (20 s at most): the server learns
  // of its workers, or of their loss, from the directories, with no event the test can wait on.
  int status_once(int wanted) {
    int status = 0;
    for (auto until = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < until;) {
      status = hosts_.in_host<int>(hosts_.a(), [&] {
        try {
          auto answer = scenario_test::http_get(server_port, scenario_test::xy_target(2, 2), 2s);
          if (answer && answer->status == 200 && !scenario_test::table_problem(*answer, 2, 2).empty()) return -1;
          return answer ? answer->status : 0;
        } catch (const std::exception&) {
          return 0;  // not listening yet
        }
      });
      if (status == wanted) return status;
      std::this_thread::sleep_for(50ms);
    }
    return status;
  }

  scenario_test::test_hosts hosts_;
  std::unique_ptr<scenario_server> lan_cake_;
  std::vector<std::unique_ptr<scenario_server>> host_cakes_;
  std::unique_ptr<scenario_server> server_;
  std::vector<std::unique_ptr<scenario_server>> workers_;
};

TEST_F(lan_hosts, the_server_on_one_host_serves_from_workers_on_the_other_and_hears_when_they_go) {
  ASSERT_NO_FATAL_FAILURE(start_scenario_10());
  ASSERT_EQ(status_once(200), 200) << server_->output() << lan_cake_->output();
  EXPECT_TRUE(lan_cake_->wait_for_line(contains("Published \"test-multihosting:worker-10:"), 1s));
  EXPECT_TRUE(lan_cake_->wait_for_line(contains("(10.0.0.2:"), 1s))
      << "a worker is reached at its host's address\n" << lan_cake_->output();
  EXPECT_TRUE(server_->wait_for_line(contains("keep-alive KeepAlive sent"), 5s))
      << "a link to another host keeps itself alive\n" << server_->output();
  for (auto& w : workers_) w->signal(SIGKILL);
  EXPECT_EQ(status_once(500), 500) << "TemporarilyUnavailable once both workers are dropped\n" << server_->output();
}

TEST_F(lan_hosts, layer_cake_network_on_either_host_shows_lan_cake_above_both_host_cakes) {
  ASSERT_NO_FATAL_FAILURE(start_scenario_10());
  ASSERT_EQ(status_once(200), 200) << server_->output();
  auto network = hosts_.start(hosts_.b(), "layer-cake", {"network", "--home-path=/nonexistent"});
  auto ended = network->wait_exit(20s);
  ASSERT_TRUE(ended && ended->exited && ended->code == 0) << network->output();
  std::istringstream lines(network->standard_output());
  std::vector<std::string> shown;
  for (std::string line; std::getline(lines, line);)
    shown.push_back(std::regex_replace(line, std::regex(R"(\([0-9a-f]{8}\))"), "(id)"));
  std::vector<std::string> expected{"[LAN] lan-cake (id)",
                                    "+   [HOST] host-cake (id)",
                                    "+   +   [PROCESS] test_server_10 (id)",
                                    "+   [HOST] host-cake (id)",
                                    "+   +   [PROCESS] test_worker_10 (id)",
                                    "+   +   [PROCESS] test_worker_10 (id)",
                                    "+   +   [PROCESS] layer-cake (id)"};
  EXPECT_EQ(shown, expected) << network->standard_output();
}

// group-cake's --directory-at-lan, as the reference's: a group of workers on B with no host-cake
// there passes its LAN listings straight to lan-cake.
TEST_F(lan_hosts, a_group_told_the_lan_directory_serves_a_server_on_the_other_host) {
  host_cakes_.push_back(hosts_.start(hosts_.a(), "host-cake", {lan_at(), "--debug-level=CONSOLE"}));
  ASSERT_TRUE(host_cakes_.back()->wait_for_line(contains("Connected to directory at 10.0.0.195:54195"), 10s))
      << host_cakes_.back()->output();
  server_ = hosts_.start(hosts_.a(), "test_server_10", {"--server-address=" + at("127.0.0.1", server_port)});
  auto folder = std::filesystem::temp_directory_path() / ("lc-lan-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  auto home = "--home-path=" + folder.string();
  for (std::vector<std::string> words : {std::vector<std::string>{"create"},
                                         {"add", "test_worker_10", "worker", "--role-count=2"},
                                         {"update", "group", lan_at()}}) {
    words.push_back(home);
    auto made = hosts_.start(hosts_.b(), "layer-cake", words);
    auto ended = made->wait_exit(20s);
    ASSERT_TRUE(ended && ended->exited && ended->code == 0) << words.front() << ": " << made->output();
  }
  auto run = hosts_.start(hosts_.b(), "layer-cake", {"run", home});
  EXPECT_EQ(status_once(200), 200) << server_->output() << "\nlayer-cake run:\n" << run->output();
  EXPECT_TRUE(lan_cake_->wait_for_line(contains("(10.0.0.2:"), 1s)) << lan_cake_->output();
  run.reset();
  std::filesystem::remove_all(folder);
}

// The reference's host directory, given no LAN directory, guesses 10.0.0.195 on a 10.x network
// and connects there; ours does not. lan-cake listens at that address; the worker's listing
// reaches host-cake (the event waited for), then host-cake's reconnect interval passes twice.
TEST_F(lan_hosts, a_host_cake_given_no_lan_directory_sends_nothing_to_the_standard_lan_address) {
  auto host_cake = hosts_.start(hosts_.b(), "host-cake", {"--debug-level=CONSOLE"});
  ASSERT_TRUE(host_cake->wait_for_line(contains("Listening for directories at 127.0.0.1:54195"), 10s))
      << host_cake->output();
  auto worker = hosts_.start(hosts_.b(), "test_worker_10", {});
  ASSERT_TRUE(host_cake->wait_for_line(contains("Published \"test-multihosting:worker-10:"), 10s))
      << host_cake->output();
  EXPECT_FALSE(lan_cake_->wait_for_line(contains("Published"), 2500ms)) << lan_cake_->output();
  EXPECT_EQ(host_cake->count_lines(contains("Connected to directory")), 0u) << host_cake->output();
}

}  // namespace
