// Scenarios 9, 10 and 11 as the multihosting chapter runs them on one host: host-cake, workers
// that publish, and a server whose spool the directory fills (Available joins, Dropped leaves).
#include <signal.h>

#include <gtest/gtest.h>

#include "host_cake_process.hpp"
#include "http_client.hpp"
#include "response_check.hpp"

namespace {

using namespace scenario_test;

struct server_at {
  unsigned short port = 0;
  std::unique_ptr<scenario_server> process;
};

server_at start_multihost_server(int scenario, const host_cake_at& host, std::vector<std::string> more = {}) {
  auto port = free_port();
  more.insert(more.begin(), {address_argument(port), "--debug-level=OBJECT"});
  return {port, start_listing("test_server_" + std::to_string(scenario), host, more)};
}

line_test received(const server_at& server, const std::string& type) {
  return main_object_received(server.process->pid(), type);
}

void expect_tables(const server_at& server, int count) {
  for (int i = 0; i < count; ++i) {
    auto answer = http_get(server.port, xy_target(3, 2), 5s);
    ASSERT_TRUE(answer) << "no answer to request " << i << '\n' << server.process->output().substr(0, 3000);
    EXPECT_EQ(table_problem(*answer, 3, 2), "");
  }
}

TEST(multihosting, scenario_9_serves_from_the_worker_host_cake_finds_and_answers_at_once_while_it_has_none) {
  auto host = start_host_cake();
  auto server = start_multihost_server(9, host);
  auto worker = start_listing("test_worker_9", host);
  ASSERT_TRUE(server.process->wait_for_line(received(server, "Available"), 10s)) << server.process->output();
  expect_tables(server, 4);
  worker->signal(SIGKILL);
  ASSERT_TRUE(server.process->wait_for_line(received(server, "Dropped"), 10s)) << server.process->output();
  auto without = http_get(server.port, xy_target(2, 2), 2s);
  ASSERT_TRUE(without) << "a request with no worker was not answered";
  EXPECT_NE(without->status, 200);
  auto again = start_listing("test_worker_9", host);
  ASSERT_TRUE(server.process->wait_for_lines(received(server, "Available"), 2, 10s)) << server.process->output();
  expect_tables(server, 2);
}

TEST(multihosting, scenario_10_uses_every_worker_that_publishes_a_name_of_its_own_and_loses_only_those_that_go) {
  auto host = start_host_cake();
  auto server = start_multihost_server(10, host);
  std::vector<std::unique_ptr<scenario_server>> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_listing("test_worker_10", host));
  ASSERT_TRUE(server.process->wait_for_lines(received(server, "Available"), 3, 10s)) << server.process->output();
  EXPECT_EQ(host.process->count_lines(contains("Route (name=test-multihosting:worker-10:")), 3u) << host.process->output();
  expect_tables(server, 6);
  workers[0]->signal(SIGKILL);
  workers[1]->signal(SIGKILL);
  ASSERT_TRUE(server.process->wait_for_lines(received(server, "Dropped"), 2, 10s)) << server.process->output();
  expect_tables(server, 6);
}

TEST(multihosting, scenario_11_takes_its_spool_settings_and_ends_promptly_on_sigint) {
  auto host = start_host_cake();
  auto server = start_multihost_server(11, host, {"--size-of-queue=4", "--responsiveness=2.0"});
  auto first = start_listing("test_worker_11", host);
  auto second = start_listing("test_worker_11", host);
  ASSERT_TRUE(server.process->wait_for_lines(received(server, "Available"), 2, 10s)) << server.process->output();
  expect_tables(server, 4);
  server.process->signal(SIGINT);
  auto status = server.process->wait_exit(5s);
  ASSERT_TRUE(status) << "still running 5 s after SIGINT";
  EXPECT_TRUE(status->exited);
  EXPECT_FALSE(first->wait_exit(0s)) << "a worker ended with the server:\n" << first->output();
}

}  // namespace
