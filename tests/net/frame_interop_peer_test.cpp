// Two frame_interop_peer processes over loopback: the exchange INTEROP.md runs against the Python
// original, ended by a real process teardown on each side in turn.
#include <gtest/gtest.h>

#include "peer_process.hpp"

TEST(frame_interop_peer, two_processes_run_the_exchange_and_the_listener_sees_the_driver_go) {
  peer_process listener({"--role=respond", "--port=0"});
  std::string port = listener.log_match(std::regex(R"(listening at (\d+)\n)"));
  ASSERT_FALSE(port.empty());
  peer_process driver({"--role=drive", "--port=" + port});
  EXPECT_EQ(driver.result(), std::make_pair(std::string("\"ok\"\n"), 0));
  EXPECT_EQ(listener.result(), std::make_pair(std::string("\"ABANDONED_BY_REMOTE\"\n"), 0));
}

TEST(frame_interop_peer, a_holding_driver_sees_the_listener_process_go) {
  peer_process listener({"--role=respond", "--port=0"});
  std::string port = listener.log_match(std::regex(R"(listening at (\d+)\n)"));
  ASSERT_FALSE(port.empty());
  peer_process driver({"--role=drive", "--port=" + port, "--hold=true"});
  ASSERT_TRUE(driver.log_count("got vector<vector<float8>>", 3));  // the exchange is over
  ::kill(listener.pid(), SIGINT);
  EXPECT_EQ(driver.result(), std::make_pair(std::string("\"ABANDONED_BY_REMOTE\"\n"), 0));
  EXPECT_EQ(listener.result().second, 71);
}
