#include "lc_harness/load_generator.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;
using namespace std::chrono_literals;

namespace {

load_options quick(unsigned short port) {
  load_options o;
  o.port = port;
  o.connections = 4;
  o.duration = 300ms;
  o.timeout = 2000ms;
  return o;
}

}  // namespace

TEST(load_generator, a_correct_server_gets_only_good_replies) {
  auto launched = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto o = quick(launched.server->port());
  o.random_sizes = true;
  o.size = 20;
  o.pipeline = 4;
  const auto r = run_load(o);
  EXPECT_GT(r.good, 10u);
  EXPECT_EQ(r.errors(), 0u) << r.first_failure;
  EXPECT_EQ(r.latency.count(), r.good);
  EXPECT_GT(r.requests_per_second(), 0);
  EXPECT_GT(r.client_cpu_us_per_request, 0);
}

TEST(load_generator, a_request_budget_is_exact) {
  auto launched = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto o = quick(launched.server->port());
  o.max_requests = 500;
  o.duration = 10s;
  o.pipeline = 3;
  EXPECT_EQ(run_load(o).good, 500u);
  o.keep_alive = false;
  o.max_requests = 50;
  EXPECT_EQ(run_load(o).good, 50u);
}

TEST(load_generator, wrong_dimensions_count_as_invalid_bodies) {
  auto launched = server_process::launch(test::command_for("fake_wrong_dims"));
  ASSERT_TRUE(launched.server) << launched.failure;
  const auto r = run_load(quick(launched.server->port()));
  EXPECT_EQ(r.good, 0u);
  EXPECT_GT(r.invalid_bodies, 0u);
  EXPECT_NE(r.first_failure.find("wrong dimensions"), std::string::npos) << r.first_failure;
}

TEST(load_generator, a_closed_port_counts_socket_errors_and_ends_in_time) {
  auto o = quick(free_port());
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_load(o);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(r.good, 0u);
  EXPECT_GT(r.socket_errors, 0u);
}

TEST(load_generator, a_silent_server_counts_timeouts) {
  auto launched = server_process::launch(test::command_for("fake_ignores_sigint"));
  ASSERT_TRUE(launched.server) << launched.failure;
  ::kill(launched.server->pid(), SIGSTOP);
  auto o = quick(launched.server->port());
  o.timeout = 200ms;
  o.duration = 500ms;
  const auto r = run_load(o);
  EXPECT_EQ(r.good, 0u);
  EXPECT_GT(r.timeouts, 0u);
}

TEST(load_generator, values_are_range_checked_on_the_sample_and_on_every_reply_when_asked) {
  auto launched = server_process::launch(test::command_for("fake_out_of_range"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto o = quick(launched.server->port());
  o.full_check_every = 1;
  const auto all = run_load(o);
  EXPECT_EQ(all.good, 0u);
  EXPECT_GT(all.invalid_bodies, 0u);
  EXPECT_EQ(all.bodies_fully_checked, all.invalid_bodies);
  o.full_check_every = 16;
  const auto sampled = run_load(o);
  EXPECT_GT(sampled.invalid_bodies, 0u);
  EXPECT_EQ(sampled.bodies_fully_checked, sampled.invalid_bodies);
  EXPECT_GT(sampled.good, 8 * sampled.invalid_bodies);  // the shape check alone passes the rest
}

// 193 kB bodies: about 60 us of generator CPU per reply with 64 kB reads and sampled full
// checks; 420 us when Beast read them 512 bytes at a time.
TEST(load_generator, a_large_body_costs_the_generator_little_cpu) {
  auto launched = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto o = quick(launched.server->port());
  o.size = 100;
  o.duration = 1000ms;
  const auto r = run_load(o);
  EXPECT_EQ(r.errors(), 0u) << r.first_failure;
  EXPECT_GT(r.good, 100u);
  EXPECT_LT(r.client_cpu_us_per_request, 200) << r.good << " replies";
}

// The fake stalls 100 ms of every 500 ms. Open loop at 400 req/s, 20 % of the requests are due
// during a stall and wait for its end: latency uniform in [0, 100 ms], so p90 = 50 ms and
// p99 = 95 ms. Closed loop sends only one request per connection into each stall and hides it.
TEST(load_generator, open_loop_latency_counts_the_requests_queued_behind_a_stall) {
  auto launched = server_process::launch(
      {test::bin("fake_slow_responder"), "", {"--stall-ms=100", "--stall-every-ms=500"}});
  ASSERT_TRUE(launched.server) << launched.failure;
  auto o = quick(launched.server->port());
  o.connections = 2;
  o.duration = 2000ms;
  o.rate = 400;
  const auto open = run_load(o);
  EXPECT_EQ(open.errors(), 0u) << open.first_failure;
  EXPECT_NEAR(open.requests_per_second(), 400, 80);
  // A loaded shared machine adds its own delays on top (with load average 8 on 2 cores p70 rose
  // to 42 ms), so the bounds below the model are the ones that hold: missing the queued requests
  // (coordinated omission) would put p90 and p99 far under them.
  EXPECT_GT(open.latency.percentile_us(90), 40'000);
  EXPECT_GT(open.latency.percentile_us(99), 85'000);
  EXPECT_LT(open.latency.percentile_us(99), 1'000'000);  // not timed from the start of the run
  EXPECT_GT(open.late, 0u);
  EXPECT_LT(open.dropped, 80u);  // 10 % of the 800 due
  o.rate = 0;
  const auto closed = run_load(o);
  EXPECT_LT(closed.latency.percentile_us(90) * 4, open.latency.percentile_us(90));
}
