// Concurrency as the documentation describes it, shown by order rather than timing: a small
// request sent once the server has received a slow large one overtakes it in 2, 4, 6 and 8,
// and never in 1, 3, 5 and 7.
#include <atomic>
#include <thread>

#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

using overtaking = each_scenario;

bool lets_small_overtake(int scenario) { return scenario % 2 == 0; }

TEST_P(overtaking, a_small_request_overtakes_a_large_one_only_where_requests_run_concurrently) {
  // At 1 ms a cell the large 40x40 takes 1.6 s and the small 10x10 0.1 s: a margin of 0.1 s
  // either way, far above scheduling delays on a busy machine (a 1x1 was not enough there).
  auto server = start_server(scenario(), {.environment = slow_texture(1000)});
  http_connection large(server.port), small(server.port);
  large.send_get(xy_target(40, 40));
  ASSERT_TRUE(server->wait_for_line(main_object_received(server->pid(), "Xy"), 10s)) << server->output();
  small.send_get(xy_target(10, 10));

  std::atomic<int> finished{0};
  int large_rank = 0, small_rank = 0;
  std::string large_problem = "no response", small_problem = "no response";
  std::thread large_reader([&] {
    auto r = large.read_response(20s);
    large_rank = ++finished;  // ranked on arrival, before the check
    if (r) large_problem = table_problem(*r, 40, 40);
  });
  std::thread small_reader([&] {
    auto r = small.read_response(20s);
    small_rank = ++finished;
    if (r) small_problem = table_problem(*r, 10, 10);
  });
  large_reader.join();
  small_reader.join();
  ASSERT_EQ(large_problem, "");
  ASSERT_EQ(small_problem, "");
  if (lets_small_overtake(scenario()))
    EXPECT_LT(small_rank, large_rank) << "the small request waited for the large one";
  else
    EXPECT_GT(small_rank, large_rank) << "the small request overtook the large one";
}

INSTANTIATE_TEST_SUITE_P(all, overtaking, testing::Range(1, 9), scenario_label);

}  // namespace
}  // namespace scenario_test
