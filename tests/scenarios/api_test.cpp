// What a client of every scenario sees: tables of the requested size, refusals of bad sizes,
// pipelined and concurrent requests.
#include <thread>
#include <vector>

#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

using serves_the_api = each_scenario;

TEST_P(serves_the_api, answers_2x2_with_a_2x2_table_of_floats_as_json) {
  auto server = start_server(scenario());
  auto response = http_get(server.port, "/Xy?x=2&y=2");
  ASSERT_TRUE(response) << server->output();
  EXPECT_EQ(table_problem(*response, 2, 2), "");
}

TEST_P(serves_the_api, answers_xy_without_a_query_with_the_default_1x1) {
  auto server = start_server(scenario());
  auto response = http_get(server.port, "/Xy");
  ASSERT_TRUE(response) << server->output();
  EXPECT_EQ(table_problem(*response, 1, 1), "");
}

TEST_P(serves_the_api, returns_exactly_the_requested_dimensions_for_every_request) {
  auto server = start_server(scenario(), {.debug = false});
  const std::pair<int, int> sizes[] = {{1, 1}, {3, 1}, {1, 4}, {7, 5}, {0, 3}, {4, 0}, {64, 32}};
  for (auto [x, y] : sizes) {
    auto response = http_get(server.port, xy_target(x, y));
    ASSERT_TRUE(response) << "x=" << x << " y=" << y << '\n' << server->output();
    EXPECT_EQ(table_problem(*response, x, y), "") << "x=" << x << " y=" << y;
  }
}

TEST_P(serves_the_api, refuses_a_table_over_the_cell_limit_with_400_naming_it_and_keeps_serving) {
  auto server = start_server(scenario(), {.debug = false});
  auto refused = http_get(server.port, xy_target(100000, 100000));
  ASSERT_TRUE(refused) << server->output();
  EXPECT_EQ(faulted_problem(*refused, 400, "1000000 cells"), "");
  auto next = http_get(server.port, xy_target(2, 3));
  ASSERT_TRUE(next) << server->output();
  EXPECT_EQ(table_problem(*next, 2, 3), "");
}

TEST_P(serves_the_api, refuses_negative_sizes_with_400_and_keeps_serving) {
  auto server = start_server(scenario(), {.debug = false});
  for (auto target : {xy_target(-1, 2), xy_target(2, -1), xy_target(-3, -3)}) {
    auto refused = http_get(server.port, target);
    ASSERT_TRUE(refused) << target << '\n' << server->output();
    EXPECT_EQ(faulted_problem(*refused, 400, "negative"), "") << target;
  }
  auto next = http_get(server.port, xy_target(1, 1));
  ASSERT_TRUE(next) << server->output();
  EXPECT_EQ(table_problem(*next, 1, 1), "");
}

TEST_P(serves_the_api, refuses_a_zero_side_beside_a_huge_one_with_400_and_keeps_serving) {
  auto server = start_server(scenario(), {.debug = false});
  for (auto target : {std::string("/Xy?x=0&y=4611686018427387904"), std::string("/Xy?x=4611686018427387904&y=0"),
                      xy_target(0, 50'000'000)}) {
    auto refused = http_get(server.port, target);
    ASSERT_TRUE(refused) << target << '\n' << server->output();
    EXPECT_EQ(faulted_problem(*refused, 400, "limit"), "") << target;
  }
  auto next = http_get(server.port, xy_target(2, 2), 1s);
  ASSERT_TRUE(next) << server->output();
  EXPECT_EQ(table_problem(*next, 2, 2), "");
}

// One JSON parse per pair, all on the network thread: at the body limit it must still be quick.
TEST_P(serves_the_api, answers_a_1_mib_form_body_of_pairs_within_1_s_and_keeps_serving) {
  auto server = start_server(scenario(), {.debug = false});
  std::string body;
  while (body.size() + 8 + 3 <= (1u << 20)) body += "x=2&y=2&";  // 3 for the last pair
  body += "x=2";
  http_connection client(server.port);
  client.send_raw("POST /Xy HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  auto response = client.read_response(1s);
  ASSERT_TRUE(response) << "no answer within 1 s to a " << body.size() << "-byte form body";
  EXPECT_EQ(table_problem(*response, 2, 2), "");
  auto next = http_get(server.port, xy_target(2, 2), 1s);
  ASSERT_TRUE(next) << server->output();
  EXPECT_EQ(table_problem(*next, 2, 2), "");
}

TEST_P(serves_the_api, answers_pipelined_requests_on_one_connection_in_order) {
  auto server = start_server(scenario(), {.debug = false});
  http_connection connection(server.port);
  std::string requests;
  for (int i = 1; i <= 5; ++i) requests += get_request(xy_target(i, 6 - i));
  connection.send_raw(requests);
  for (int i = 1; i <= 5; ++i) {
    auto response = connection.read_response(20s);
    ASSERT_TRUE(response) << "response " << i << '\n' << server->output();
    EXPECT_EQ(table_problem(*response, i, 6 - i), "") << "response " << i;
  }
}

TEST_P(serves_the_api, serves_8_concurrent_clients_each_its_own_table) {
  auto server = start_server(scenario(), {.debug = false});
  std::vector<std::unique_ptr<http_connection>> clients;
  for (int i = 0; i < 8; ++i) clients.push_back(std::make_unique<http_connection>(server.port));
  for (int i = 0; i < 8; ++i) clients[i]->send_get(xy_target(i + 1, 3));
  std::vector<std::string> problems(8, "no response");
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i)
    readers.emplace_back([&, i] {
      if (auto response = clients[i]->read_response(30s)) problems[i] = table_problem(*response, i + 1, 3);
    });
  for (auto& r : readers) r.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(problems[i], "") << "client " << i;
}

TEST_P(serves_the_api, logs_the_main_object_under_the_server_function_name) {
  // The documented walk-through shows "<...>server - Received Xy" at --debug-level.
  auto server = start_server(scenario());
  ASSERT_TRUE(http_get(server.port, "/Xy"));
  EXPECT_TRUE(server->wait_for_line(contains("server - Received Xy from"), 5s)) << server->output();
}

INSTANTIATE_TEST_SUITE_P(all, serves_the_api, testing::Range(1, 9), scenario_label);

}  // namespace
}  // namespace scenario_test
