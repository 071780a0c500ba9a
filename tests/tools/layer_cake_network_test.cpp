// layer-cake network and ping read the directory tree: host-cake at the top, a group-cake that
// passed its roles' LAN listings up to it, a process connected to host-cake directly, and the
// layer-cake process itself.
#include <regex>

#include <gtest/gtest.h>

#include "host_cake_process.hpp"
#include "http_client.hpp"
#include "layer_cake_fixture.hpp"
#include "response_check.hpp"

namespace {

using namespace std::chrono_literals;
using tools_test::layer_cake;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class layer_cake_network : public layer_cake {
 protected:
  // host-cake, a group of two test_worker_10 roles started in the background and told where
  // host-cake is, and a test_server_10 connected to host-cake on its own: it serves only when
  // the workers' listings reached host-cake through the group.
  void SetUp() override {
    layer_cake::SetUp();
    host_ = scenario_test::start_host_cake();
    connect_ = "--connect-to-directory=" + scenario_test::host_port(host_.port);
    ASSERT_NO_FATAL_FAILURE(made({"create"}));
    ASSERT_NO_FATAL_FAILURE(made({"add", "test_worker_10", "worker", "--role-count=2"}));
    ASSERT_NO_FATAL_FAILURE(made({"update", "group", "--directory-at-host=" + scenario_test::host_port(host_.port)}));
    ASSERT_NO_FATAL_FAILURE(made({"start"}));
    server_port_ = scenario_test::free_port();
    server_ = scenario_test::start_listing("test_server_10", host_, {scenario_test::address_argument(server_port_)});
  }
  void TearDown() override {
    command({"stop"});
    server_.reset();
    layer_cake::TearDown();
  }

  bool serves() const {
    return tools_test::eventually([&] {  // until the server has a worker: no event to wait on from here
      try {
        auto answer = scenario_test::http_get(server_port_, scenario_test::xy_target(2, 2), 1s);
        return answer && answer->status == 200;
      } catch (const std::exception&) {
        return false;
      }
    }, 20s);
  }

  scenario_test::host_cake host_;
  std::string connect_;
  unsigned short server_port_ = 0;
  std::unique_ptr<scenario_test::scenario_server> server_;
};

const std::string id = R"(\([0-9a-f]{8}\))";

TEST_F(layer_cake_network, network_lists_host_cake_the_group_and_its_roles_the_lone_server_and_itself) {
  ASSERT_TRUE(serves()) << server_->output();
  auto r = command({"network", connect_});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_TRUE(std::regex_match(lines[0], std::regex(R"(\[HOST\] host-cake )" + id))) << r.out;
  std::multiset<std::string> below;
  for (std::size_t i = 1; i < lines.size(); ++i) below.insert(std::regex_replace(lines[i], std::regex(id), "(id)"));
  std::multiset<std::string> expected{"+   [GROUP] group-cake (id)", "+   +   [PROCESS] test_worker_10 (id)",
                                      "+   +   [PROCESS] test_worker_10 (id)", "+   [PROCESS] test_server_10 (id)",
                                      "+   [PROCESS] layer-cake (id)"};
  EXPECT_EQ(below, expected) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\[GROUP\] group-cake .*\n\+   \+   \[PROCESS\] test_worker_10)")))
      << "the roles are listed under their group\n" << r.out;
}

TEST_F(layer_cake, network_without_a_host_directory_lists_only_this_process) {
  auto port = scenario_test::free_port();  // nothing listens there
  auto r = command({"network", "--connect-to-directory=" + scenario_test::host_port(port)});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(\[PROCESS\] layer-cake )" + id + "\n"))) << r.out;
}

TEST_F(layer_cake_network, the_listings_at_every_level_show_the_publications_routes_and_sessions) {
  ASSERT_TRUE(serves()) << server_->output();
  auto r = command({"network", connect_, "--directory-addresses", "--list-published", "--list-subscribed",
                    "--list-routed", "--list-connected"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto port = std::to_string(host_.port);
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\[HOST\] host-cake \S+ \S+ <C>\(not set\) <L>127\.0\.0\.1:)" +
                                                  port + "\n")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\[GROUP\] group-cake \S+ \S+ <C>127\.0\.0\.1:)" + port +
                                                  R"( <L>127\.0\.0\.1:\d+\n)")))
      << r.out;
  // Each worker's publication is held by its process, its group and host-cake.
  EXPECT_EQ(count_of(r.out, "# \"test-multihosting:worker-10:"), 6u) << r.out;
  // The server's subscription by the server and host-cake, matched there with both workers.
  EXPECT_EQ(count_of(r.out, "? \"test-multihosting:worker-10:[-a-f0-9]+\""), 3u) << "two listings and one peer\n" << r.out;
  EXPECT_EQ(count_of(r.out, "<> \"test-multihosting:worker-10:"), 2u) << r.out;
  // The server's two sessions, each over a connection to a worker's process.
  EXPECT_EQ(count_of(r.out, "   > \"test-multihosting:worker-10:"), 2u) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(> "test-multihosting:worker-10:\S+"\[HOST\] \(127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+\))")))
      << r.out;
}

TEST_F(layer_cake_network, ping_times_a_directory_found_by_the_start_of_its_id_and_refuses_other_ids) {
  ASSERT_TRUE(serves()) << server_->output();
  auto listed = command({"network", connect_, "--list-published"});
  std::smatch group, publication;
  ASSERT_TRUE(std::regex_search(listed.out, group, std::regex(R"(\[GROUP\] group-cake \(([0-9a-f]{8})\))")))
      << listed.out;
  auto r = command({"ping", group[1].str(), "--ping-count=2", connect_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(\[0\] \.\.\. \S+s\n\[1\] \.\.\. \S+s\n)"))) << r.out;

  ASSERT_TRUE(std::regex_search(listed.out, publication, std::regex(R"(# "test-multihosting:worker-10:\S+" \(([0-9a-f]{8})\))")))
      << listed.out;
  auto refused = command({"ping", publication[1].str(), connect_});
  EXPECT_NE(refused.code, 0);
  EXPECT_NE(refused.err.find("not a directory node"), std::string::npos) << refused.err;
  auto missing = command({"ping", "zzzz", connect_});
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("not present in directory"), std::string::npos) << missing.err;
  auto nameless = command({"ping", connect_});
  EXPECT_NE(nameless.code, 0);
  EXPECT_NE(nameless.err.find("no identity specified"), std::string::npos) << nameless.err;
}

}  // namespace
