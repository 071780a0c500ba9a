// The documented test clients end to end: real scenario servers, real client processes.
#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include "recorder.hpp"
#include "scenario_server.hpp"

namespace {

using namespace scenario_test;
using client_test::recorder;

struct run_result {
  std::optional<exit_status> status;
  std::string output;  // stdout: the result
  std::string errors;  // stderr: logs and the summary
};

run_result run_client(const std::string& executable, const std::vector<std::string>& arguments,
                      clock_type::duration within) {
  scenario_server client(binary_path(executable), arguments, {});
  run_result r;
  r.status = client.wait_exit(within);
  client.wait_streams_closed(5s);
  r.output = client.standard_output();
  r.errors = client.output();
  return r;
}

std::int64_t completed_requests(const std::string& errors) {
  static const std::regex line(R"((\d+) requests completed)");
  std::int64_t total = 0;
  for (auto it = std::sregex_iterator(errors.begin(), errors.end(), line); it != std::sregex_iterator(); ++it)
    total += std::stoll((*it)[1]);
  return total;
}

std::string answer(const std::string& body, bool close_mid_way = false) {
  std::string bytes = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size() + (close_mid_way ? 100 : 0)) +
                      "\r\nContent-Type: application/json\r\n\r\n" + body;
  return bytes;
}

class each_client_and_server : public testing::TestWithParam<std::tuple<std::string, int>> {};

}  // namespace

// A few seconds of clients_as_processes with each client type against servers 4 and 8.
TEST_P(each_client_and_server, runs_for_its_test_span_with_no_unexpected_ending) {
  auto [client_type, scenario] = GetParam();
  auto server = start_server(scenario, {.debug = false});
  auto r = run_client("clients_as_processes",
                      {address_argument(server.port), "--client-type=" + client_type, "--process-count=2",
                       "--thread-count=4", "--request-count=3", "--slow-down=0.05", "--big-table=20",
                       "--test-span=2.5s"},
                      30s);
  ASSERT_TRUE(r.status) << r.errors;
  EXPECT_TRUE(r.status->exited && r.status->code == 0) << r.errors;
  EXPECT_EQ(r.output, "0\n") << r.errors;
  EXPECT_GT(completed_requests(r.errors), 0) << r.errors;
  EXPECT_EQ(r.errors.find("client ended unexpectedly"), std::string::npos) << r.errors;
}

INSTANTIATE_TEST_SUITE_P(clients, each_client_and_server,
                         testing::Combine(testing::Values("threaded", "not_threaded", "named_thread", "state_machine"),
                                          testing::Values(4, 8)),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_scenario_" + std::to_string(std::get<1>(info.param));
                         });

class each_client_type : public testing::TestWithParam<std::string> {};

TEST_P(each_client_type, a_table_of_the_wrong_dimensions_is_reported) {
  recorder wrong({{answer(R"({"value":["vector<vector<float8>>",[],[]]})")}});
  auto r = run_client("connect_and_request",
                      {address_argument(wrong.port()), "--client-type=" + GetParam(), "--request-count=1"}, 20s);
  ASSERT_TRUE(r.status) << r.errors;
  EXPECT_NE(r.status->code, 0);
  EXPECT_NE(r.errors.find("not the matching table"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("1 tables did not match"), std::string::npos) << r.errors;
}

TEST_P(each_client_type, a_server_closing_mid_response_is_reported) {
  recorder wrong({{answer(R"({"value":["vector<vector<float8>>",[[1.0)", true), true}});
  auto r = run_client("connect_and_request",
                      {address_argument(wrong.port()), "--client-type=" + GetParam(), "--request-count=1"}, 20s);
  ASSERT_TRUE(r.status) << r.errors;
  EXPECT_NE(r.status->code, 0);
  EXPECT_NE(r.errors.find("HTTP request not answered"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("0 requests completed"), std::string::npos) << r.errors;
}

TEST_P(each_client_type, clients_as_threads_counts_every_client_a_wrong_server_ended) {
  std::vector<client_test::scripted_reply> replies(3, {answer(R"({"value":["vector<vector<float8>>",[],[]]})")});
  recorder wrong(replies);
  auto r = run_client("clients_as_threads", {address_argument(wrong.port()), "--client-type=" + GetParam(),
                                             "--thread-count=3", "--slow-down=0.0"},
                      20s);
  ASSERT_TRUE(r.status) << r.errors;
  EXPECT_EQ(r.output, "3\n") << r.errors;
  EXPECT_NE(r.errors.find("3 tables did not match"), std::string::npos) << r.errors;
}

INSTANTIATE_TEST_SUITE_P(clients, each_client_type,
                         testing::Values("threaded", "not_threaded", "named_thread", "state_machine"));

TEST(clients_as_processes, sigint_ends_every_client_process_within_one_second) {
  auto server = start_server(4);
  scenario_server client(binary_path("clients_as_processes"),
                         {address_argument(server.port), "--process-count=3", "--thread-count=4",
                          "--request-count=1000", "--slow-down=0.01", "--big-table=10"},
                         {});
  auto server_pid = server->pid();
  ASSERT_TRUE(client.wait_descendants(3, 20s)) << client.output();
  ASSERT_TRUE(server->wait_for_lines(main_object_received(server_pid, "Xy"), 20, 20s)) << client.output();
  client.signal(SIGINT);
  auto status = client.wait_exit(1s);
  ASSERT_TRUE(status) << client.output();
  EXPECT_TRUE(client.wait_no_descendants(1s));
  client.wait_streams_closed(5s);
  EXPECT_EQ(client.standard_output(), "0\n") << client.output();
}

TEST(clients_as_processes, test_span_ends_the_run_on_time) {
  auto server = start_server(4, {.debug = false});
  auto started = clock_type::now();
  auto r = run_client("clients_as_processes",
                      {address_argument(server.port), "--process-count=1", "--thread-count=2", "--request-count=1000",
                       "--slow-down=0.01", "--big-table=10", "--test-span=1.5s"},
                      20s);
  auto took = clock_type::now() - started;
  ASSERT_TRUE(r.status) << r.errors;
  EXPECT_EQ(r.output, "0\n") << r.errors;
  EXPECT_GE(took, 1500ms);
  EXPECT_LT(took, 4500ms) << r.errors;
}

TEST(clients_as_processes, a_test_span_is_a_time_span_text_and_a_bare_number_is_refused) {
  auto r = run_client("clients_as_processes", {"--test-span=1.5"}, 10s);
  ASSERT_TRUE(r.status);
  EXPECT_TRUE(r.status->exited);
  EXPECT_EQ(r.status->code, 2);
  EXPECT_NE(r.errors.find(R"(cannot recover TimeSpan from "1.5")"), std::string::npos) << r.errors;
}

TEST(clients_as_threads_2, clients_sharing_one_connection_keep_requesting_until_stopped) {
  auto server = start_server(4);
  scenario_server client(binary_path("clients_as_threads_2"),
                         {address_argument(server.port), "--thread-count=4", "--request-count=2", "--slow-down=0.01",
                          "--big-table=10"},
                         {});
  // More requests than the first clients make: replacements are running.
  ASSERT_TRUE(server->wait_for_lines(main_object_received(server->pid(), "Xy"), 12, 20s)) << client.output();
  client.signal(SIGINT);
  ASSERT_TRUE(client.wait_exit(5s)) << client.output();
  client.wait_streams_closed(5s);
  EXPECT_EQ(client.standard_output(), "0\n") << client.output();
  EXPECT_GE(completed_requests(client.output()), 8) << client.output();
}
