// The command line every scenario shares: help, bad settings, a busy port.
#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

using has_the_documented_cli = each_scenario;

TEST_P(has_the_documented_cli, prints_help_and_exits_0) {
  scenario_server server(binary_path(name()), {"--help"}, {});
  auto status = server.wait_exit(10s);
  ASSERT_TRUE(status) << "still running after --help";
  ASSERT_TRUE(server.wait_streams_closed(2s));
  EXPECT_TRUE(status->exited);
  EXPECT_EQ(status->code, 0) << server.output();
  EXPECT_NE(server.standard_output() + server.output(), "");
  EXPECT_NE((server.standard_output() + server.output()).find("server-address"), std::string::npos)
      << server.standard_output();
}

TEST_P(has_the_documented_cli, refuses_an_unknown_setting_with_the_reason_and_exit_2) {
  scenario_server server(binary_path(name()), {"--bogus=1"}, {});
  auto status = server.wait_exit(10s);
  ASSERT_TRUE(status) << "still running after --bogus=1";
  ASSERT_TRUE(server.wait_streams_closed(2s));
  EXPECT_TRUE(status->exited);
  EXPECT_EQ(status->code, 2) << server.output();
  EXPECT_NE(server.output().find("bogus"), std::string::npos) << server.output();
}

TEST_P(has_the_documented_cli, a_second_instance_on_a_busy_port_says_so_and_exits_71) {
  auto first = start_server(scenario(), {.debug = false});
  scenario_server second(binary_path(name()), {address_argument(first.port)}, {});
  auto status = second.wait_exit(10s);
  ASSERT_TRUE(status) << "the second instance is still running";
  ASSERT_TRUE(second.wait_streams_closed(2s));
  EXPECT_TRUE(status->exited);
  EXPECT_EQ(status->code, 71);
  EXPECT_EQ(second.output(),
            name() + ": cannot listen at \"127.0.0.1:" + std::to_string(first.port) + "\" (Address already in use)\n");
  EXPECT_TRUE(second.wait_no_descendants(1s));
  auto still = http_get(first.port, "/Xy");
  ASSERT_TRUE(still);
  EXPECT_EQ(table_problem(*still, 1, 1), "");
}

TEST_P(has_the_documented_cli, a_port_outside_0_to_65535_is_refused_not_wrapped) {
  for (auto port : {"70000", "-1"}) {
    scenario_server server(binary_path(name()), {std::string(R"(--server-address={"host":"127.0.0.1","port":)") + port + "}"}, {});
    auto status = server.wait_exit(10s);
    ASSERT_TRUE(status) << "still running with port " << port;
    ASSERT_TRUE(server.wait_streams_closed(2s));
    EXPECT_TRUE(status->exited);
    EXPECT_EQ(status->code, 71) << server.output();
    EXPECT_NE(server.output().find("port out of range"), std::string::npos) << server.output();
  }
}

TEST_P(has_the_documented_cli, a_setting_of_nan_or_infinity_is_refused_with_exit_2) {
  for (auto text : {"NaN", "Infinity", "-Infinity"}) {
    // The spool servers take a float, --stand-down; every server takes --server-address.
    std::string setting = scenario() == 4 || scenario() == 8
                              ? std::string("--stand-down=") + text
                              : std::string(R"(--server-address={"host":"127.0.0.1","port":)") + text + "}";
    scenario_server server(binary_path(name()), {setting}, {});
    auto status = server.wait_exit(10s);
    ASSERT_TRUE(status) << "still running with port " << text;
    ASSERT_TRUE(server.wait_streams_closed(2s));
    EXPECT_TRUE(status->exited);
    EXPECT_EQ(status->code, 2) << server.output();
    EXPECT_NE(server.output().find("not a finite number"), std::string::npos) << server.output();
  }
}

INSTANTIATE_TEST_SUITE_P(all, has_the_documented_cli, testing::Range(1, 9), scenario_label);

}  // namespace
}  // namespace scenario_test
