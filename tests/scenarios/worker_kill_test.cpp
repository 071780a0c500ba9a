// Scenarios 7 and 8 when a worker process is killed under load: error replies instead of hangs;
// 7 keeps answering with fast errors, 8 replaces the worker after its stand-down.
#include <signal.h>

#include <thread>

#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

line_test worker_received_xy() { return contains("worker - Received Xy from"); }

TEST(one_worker_process, a_killed_worker_fails_its_request_and_every_next_one_fast) {
  auto server = start_server(7, {.environment = slow_texture(1000)});
  ASSERT_TRUE(server->wait_descendants(1, 10s));
  http_connection client(server.port);
  client.send_get(xy_target(100, 100));  // ten seconds of work
  ASSERT_TRUE(server->wait_for_line(worker_received_xy(), 10s)) << server->output();
  auto workers = server->descendants();
  ASSERT_EQ(workers.size(), 1u);
  ::kill(workers[0], SIGKILL);

  auto in_flight = client.read_response(1s);
  ASSERT_TRUE(in_flight) << "no reply within 1 s to the request of the killed worker";
  EXPECT_EQ(error_problem(*in_flight), "");
  for (int i = 0; i < 3; ++i) {
    auto next = http_get(server.port, xy_target(1, 1), 1s);
    ASSERT_TRUE(next) << "no reply within 1 s to request " << i << " after the worker died";
    EXPECT_EQ(error_problem(*next), "") << "request " << i;
  }
  EXPECT_FALSE(server->wait_exit(0s)) << "the server ended";
}

TEST(spool_of_worker_processes, a_killed_worker_fails_only_its_request_and_is_replaced_after_stand_down) {
  // Two workers, each busy with 3 s of work when one of them is killed.
  auto server = start_server(8, {.arguments = {"--object-count=2", "--stand-down=2.0"},
                                 .environment = slow_texture(300)});
  ASSERT_TRUE(server->wait_descendants(2, 10s));
  http_connection first(server.port), second(server.port);
  first.send_get(xy_target(100, 100));
  second.send_get(xy_target(100, 100));
  ASSERT_TRUE(server->wait_for_lines(worker_received_xy(), 2, 10s)) << server->output();
  auto workers = server->descendants();
  ASSERT_EQ(workers.size(), 2u);
  ::kill(workers[0], SIGKILL);
  auto killed_at = clock_type::now();

  std::optional<http_response> replies[2];
  std::thread readers[2] = {std::thread([&] { replies[0] = first.read_response(10s); }),
                            std::thread([&] { replies[1] = second.read_response(10s); })};
  for (auto& r : readers) r.join();
  ASSERT_TRUE(replies[0] && replies[1]) << server->output().substr(0, 4000);
  int failed = replies[0]->status == 200 ? 1 : 0;
  EXPECT_EQ(error_problem(*replies[failed]), "") << "the killed worker's request";
  EXPECT_EQ(table_problem(*replies[1 - failed], 100, 100), "") << "the surviving worker's request";

  // Every request is answered within 1 s (errors allowed while the worker stands down);
  // five good replies in a row within stand-down + 4 s, with the spool back to two workers.
  int good_in_a_row = 0;
  auto deadline = killed_at + 6s;
  for (int i = 0; i < 200 && good_in_a_row < 5 && clock_type::now() < deadline; ++i) {
    auto reply = http_get(server.port, xy_target(1, 1), 1s);
    ASSERT_TRUE(reply) << "no reply within 1 s after the kill";
    good_in_a_row = table_problem(*reply, 1, 1).empty() ? good_in_a_row + 1 : 0;
    if (good_in_a_row == 0) { EXPECT_EQ(error_problem(*reply), ""); }
  }
  EXPECT_EQ(good_in_a_row, 5) << "service did not recover within stand-down + 4 s";
  EXPECT_TRUE(server->wait_descendants(2, 1s)) << "the killed worker was not replaced";
}

}  // namespace
}  // namespace scenario_test
