// SIGINT and SIGTERM end every scenario with the documented line and exit 71 within its deadline,
// idle and with requests in flight, leaving no process behind; SIGKILL of a process server
// takes its children with it.
#include <signal.h>

#include <vector>

#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

class stops_on_signal : public each_scenario {
 protected:
  // Signals the server and checks the exit, the line and (process scenarios) the descendants.
  void expect_clean_abort(listening_server& server, int signal_number) {
    auto start = clock_type::now();
    server->signal(signal_number);
    auto status = server->wait_exit(teardown_deadline());
    ASSERT_TRUE(status) << "no exit within the deadline after signal " << signal_number << '\n'
                        << server->output().substr(0, 4000);
    EXPECT_TRUE(status->exited) << "killed by signal " << status->code;
    EXPECT_EQ(status->code, 71);
    auto left = std::max<clock_type::duration>(0s, start + teardown_deadline() - clock_type::now());
    EXPECT_TRUE(server->wait_no_descendants(left)) << server->descendants().size() << " descendants left";
    EXPECT_TRUE(server->wait_for_line(contains(aborted_line()), 2s)) << server->output().substr(0, 4000);
    EXPECT_TRUE(has_line(server->output(), aborted_line()));
  }

  // Requests on `count` connections that take `cells` x 1 ms each; returns once the server's main
  // object has received one and, for process scenarios, a child is running.
  std::vector<std::unique_ptr<http_connection>> load(listening_server& server, int count, int side) {
    std::vector<std::unique_ptr<http_connection>> clients;
    for (int i = 0; i < count; ++i) {
      clients.push_back(std::make_unique<http_connection>(server.port));
      clients.back()->send_get(xy_target(side, side));
    }
    EXPECT_TRUE(server->wait_for_line(main_object_received(server->pid(), "Xy"), 10s)) << server->output();
    if (runs_processes()) { EXPECT_TRUE(server->wait_descendants(1, 10s)); }
    return clients;
  }
};

TEST_P(stops_on_signal, sigint_when_idle_prints_aborted_and_exits_71) {
  auto server = start_server(scenario(), {.debug = false});
  expect_clean_abort(server, SIGINT);
  EXPECT_EQ(server->output(), aborted_line() + "\n");
}

TEST_P(stops_on_signal, sigterm_when_idle_prints_aborted_and_exits_71) {
  auto server = start_server(scenario(), {.debug = false});
  expect_clean_abort(server, SIGTERM);
  EXPECT_EQ(server->output(), aborted_line() + "\n");
}

TEST_P(stops_on_signal, sigint_with_requests_in_flight_exits_71_in_time) {
  auto server = start_server(scenario(), {.environment = slow_texture(1000)});
  auto clients = load(server, 4, 30);
  expect_clean_abort(server, SIGINT);
}

TEST_P(stops_on_signal, sigterm_with_requests_in_flight_exits_71_in_time) {
  auto server = start_server(scenario(), {.environment = slow_texture(1000)});
  auto clients = load(server, 4, 30);
  expect_clean_abort(server, SIGTERM);
}

TEST_P(stops_on_signal, sigint_while_a_large_table_is_computed_exits_71_in_time) {
  // 100x100 cells at 1 ms each: ten seconds of texture() when the signal arrives.
  auto server = start_server(scenario(), {.environment = slow_texture(1000)});
  auto clients = load(server, 1, 100);
  expect_clean_abort(server, SIGINT);
}

INSTANTIATE_TEST_SUITE_P(all, stops_on_signal, testing::Range(1, 9), scenario_label);

using leaves_no_orphans = each_scenario;

TEST_P(leaves_no_orphans, every_child_is_gone_within_1s_of_the_server_being_killed) {
  auto server = start_server(scenario(), {.environment = slow_texture(1000)});
  http_connection client(server.port);
  client.send_get(xy_target(100, 100));  // 5 and 6 have a child only while a request runs
  ASSERT_TRUE(server->wait_descendants(1, 10s)) << server->output();
  server->signal(SIGKILL);
  ASSERT_TRUE(server->wait_exit(5s));
  EXPECT_TRUE(server->wait_no_descendants(1s)) << server->descendants().size() << " children left";
}

INSTANTIATE_TEST_SUITE_P(processes, leaves_no_orphans, testing::Range(5, 9), scenario_label);

}  // namespace
}  // namespace scenario_test
