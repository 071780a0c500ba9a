// Faults from below the HTTP client (issue 12's fault matrix): a worker killed in the middle of
// its reply frame, a worker that stops reading, and a server short of file descriptors. The rest
// of the matrix lives beside what it breaks: a child whose stdout never ends in
// tests/process (process_object), results written to /dev/full in tests/harness.
#include <signal.h>
#include <sys/resource.h>

#include <memory>
#include <vector>

#include "lc_harness/listen_owner.hpp"
#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

// The worker with at least `bytes` of its reply waiting in its sockets, or 0 at the deadline.
pid_t wait_blocked_writer(const scenario_server& server, std::uint64_t bytes, clock_type::duration within) {
  for (auto deadline = clock_type::now() + within; clock_type::now() < deadline;) {
    for (pid_t worker : server.descendants())
      if (lc::harness::unsent_bytes(worker) >= bytes) return worker;
    std::this_thread::sleep_for(10ms);  // /proc has no event to wait on
  }
  return 0;
}

bool serves_a_table_within(unsigned short port, clock_type::duration within) {
  for (auto deadline = clock_type::now() + within; clock_type::now() < deadline;) {
    auto reply = http_get(port, xy_target(2, 2), 1s);
    if (reply && table_problem(*reply, 2, 2).empty()) return true;
  }
  return false;
}

TEST(fault_matrix, a_worker_killed_in_the_middle_of_its_reply_frame_fails_that_request_only) {
  auto server = start_server(8, {.arguments = {"--object-count=2", "--stand-down=2.0"}});
  ASSERT_TRUE(server->wait_descendants(2, 10s));
  http_connection client(server.port);
  client.send_get(xy_target(1000, 1000));  // a reply frame of about 19 MB
  ASSERT_TRUE(server->wait_for_line(contains("worker - Received Xy from"), 10s)) << server->output();
  server->signal(SIGSTOP);  // the server stops reading, so the worker blocks part-way through the frame
  pid_t writer = wait_blocked_writer(*server.process, 1u << 20, 20s);
  if (writer) ::kill(writer, SIGKILL);
  server->signal(SIGCONT);
  ASSERT_NE(writer, 0) << "no worker blocked in the middle of its reply";

  auto reply = client.read_response(5s);
  ASSERT_TRUE(reply) << "no reply to the request whose worker died\n" << server->output().substr(0, 4000);
  EXPECT_EQ(error_problem(*reply), "");
  EXPECT_TRUE(serves_a_table_within(server.port, 5s)) << server->output().substr(0, 4000);
  EXPECT_TRUE(server->wait_descendants(2, 5s)) << "the killed worker was not replaced";
  EXPECT_FALSE(server->wait_exit(0s)) << "the server ended";
}

TEST(fault_matrix, a_worker_that_stops_reading_holds_one_request_and_the_others_are_served) {
  auto server = start_server(8, {.arguments = {"--object-count=2"}, .debug = false});
  ASSERT_TRUE(server->wait_descendants(2, 10s));
  auto workers = server->descendants();
  ::kill(workers[0], SIGSTOP);

  std::vector<std::unique_ptr<http_connection>> held;
  int served = 0;
  for (int i = 0; i < 6; ++i) {
    auto client = std::make_unique<http_connection>(server.port);
    client->send_get(xy_target(2, 2));
    if (auto reply = client->read_response(1s)) {
      EXPECT_EQ(table_problem(*reply, 2, 2), "") << "request " << i;
      ++served;
    } else {
      held.push_back(std::move(client));
    }
  }
  EXPECT_LE(held.size(), 1u) << "more than one request waits for the stopped worker";
  EXPECT_GE(served, 5);
  ::kill(workers[0], SIGCONT);
  for (auto& client : held) {
    auto late = client->read_response(2s);
    ASSERT_TRUE(late) << "the held request was not answered once the worker went on";
    EXPECT_EQ(table_problem(*late, 2, 2), "");
  }
}

using short_of_descriptors = each_scenario;

TEST_P(short_of_descriptors, a_server_with_64_descriptors_under_200_connections_keeps_serving) {
  auto server = start_server(scenario(), {.debug = false});
  rlimit few{64, 64};
  ASSERT_EQ(::prlimit(server->pid(), RLIMIT_NOFILE, &few, nullptr), 0);

  std::vector<std::unique_ptr<http_connection>> flood;
  for (int i = 0; i < 200; ++i) {
    flood.push_back(std::make_unique<http_connection>(server.port));
    flood.back()->try_send(get_request(xy_target(2, 2)));
  }
  int answered = 0;  // tables, or clear errors where a process could not be started
  for (auto& client : flood)
    if (auto reply = client->read_response(50ms))
      answered += table_problem(*reply, 2, 2).empty() || error_problem(*reply).empty();
  EXPECT_GT(answered, 0) << "nothing was answered during the flood";
  flood.clear();

  EXPECT_TRUE(serves_a_table_within(server.port, 3s)) << server->output().substr(0, 4000);
  EXPECT_FALSE(server->wait_exit(0s)) << "the server ended\n" << server->output().substr(0, 4000);
}

INSTANTIATE_TEST_SUITE_P(all, short_of_descriptors, testing::Range(1, 9), scenario_label);

}  // namespace
}  // namespace scenario_test
