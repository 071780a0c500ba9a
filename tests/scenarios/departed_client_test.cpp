// Clients that pipeline slow requests and reset the connection, in a loop: the work they leave
// behind is bounded (threads of 2, children of 6) and cancelled where the runtime can (the
// children of 6, the queued requests of the spools of 4 and 8), so a new client is served at once.
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

#include "scenario_fixture.hpp"

namespace scenario_test {
namespace {

// Places a listener keeps for requests in flight (http_server_options::max_pending_requests).
constexpr std::size_t pending_cap = 256;
constexpr int pipeline_depth = 64;

std::size_t thread_count(pid_t pid) {
  std::size_t count = 0;
  if (DIR* tasks = ::opendir(("/proc/" + std::to_string(pid) + "/task").c_str())) {
    while (const dirent* entry = ::readdir(tasks))
      if (entry->d_name[0] != '.') ++count;
    ::closedir(tasks);
  }
  return count;
}

// Connect, pipeline `pipeline_depth` requests, close with SO_LINGER 0 (a reset), again.
void connect_pipeline_reset(unsigned short port, const std::string& target) {
  std::string requests;
  for (int i = 0; i < pipeline_depth; ++i) requests += get_request(target);
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
    (void)::send(fd, requests.data(), requests.size(), MSG_NOSIGNAL);
  linger reset{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  ::close(fd);
}

// Runs the attack for `span` (or until `measure` passes `bound`) and returns the highest
// `measure` seen meanwhile.
std::size_t attack(unsigned short port, clock_type::duration span, const std::function<std::size_t()>& measure,
                   std::size_t bound) {
  std::atomic<bool> stop{false};
  std::thread attacker([&] {
    while (!stop) connect_pipeline_reset(port, xy_target(10, 10));
  });
  std::size_t highest = 0;
  for (auto end = clock_type::now() + span; clock_type::now() < end && highest <= bound;) {
    highest = std::max(highest, measure());
    std::this_thread::sleep_for(5ms);  // sampling /proc, which has no change notification
  }
  stop = true;
  attacker.join();
  return std::max(highest, measure());
}

// True once `measure` is at most `level`, false at the deadline.
bool falls_to(const std::function<std::size_t()>& measure, std::size_t level, clock_type::duration within) {
  for (auto deadline = clock_type::now() + within;; std::this_thread::sleep_for(5ms)) {
    if (measure() <= level) return true;
    if (clock_type::now() >= deadline) return false;
  }
}

// A new client is served within 1 s. Until the attack's resets are seen (within 0.2 s) its
// connections may fill `max_connections`, so the client may be told 503 and try again.
void expect_a_2x2_within_1s(unsigned short port) {
  auto deadline = clock_type::now() + 1s;
  std::optional<http_response> reply;
  do {
    reply = http_get(port, xy_target(2, 2), std::max<clock_type::duration>(deadline - clock_type::now(), 1ms));
  } while (reply && reply->status == 503 && clock_type::now() < deadline);
  ASSERT_TRUE(reply) << "no reply to a new client within 1 s";
  EXPECT_EQ(table_problem(*reply, 2, 2), "");
  EXPECT_LE(clock_type::now(), deadline);
}

TEST(departed_clients, threads_of_scenario_2_stay_bounded_and_a_new_client_is_served_after) {
  // 0.5 s of work a request: threads cannot be cancelled, so they are bounded by the pending cap.
  auto server = start_server(2, {.environment = slow_texture(5000), .debug = false});
  std::size_t idle = thread_count(server->pid());
  auto threads = [&] { return thread_count(server->pid()); };
  // A thread whose work has answered may not have left yet when the next one starts: on a busy
  // machine (ctest -j2) 343 were seen with the cap at 256. Unbounded growth still goes past this.
  std::size_t bound = idle + 2 * pending_cap;
  std::size_t highest = attack(server.port, 3s, threads, bound);
  EXPECT_LE(highest, bound) << "threads during the attack (" << idle << " when idle)";
  EXPECT_TRUE(falls_to(threads, idle + 2, 3s)) << threads() << " threads 3 s after the attack";
  expect_a_2x2_within_1s(server.port);
}

TEST(departed_clients, children_of_scenario_6_are_stopped_with_their_client) {
  // 5 s of work a request: only cancelling the children of a gone client ends them in time.
  auto server = start_server(6, {.environment = slow_texture(50000), .debug = false});
  auto children = [&] { return server->descendants().size(); };
  std::size_t highest = attack(server.port, 3s, children, pending_cap);
  EXPECT_LE(highest, pending_cap) << "child processes during the attack";
  EXPECT_TRUE(falls_to(children, 0, 2s)) << children() << " children 2 s after the attack";
  expect_a_2x2_within_1s(server.port);
}

class departed_clients_of_a_spool : public testing::TestWithParam<int> {};

TEST_P(departed_clients_of_a_spool, drops_their_queued_requests_and_serves_a_new_client_at_once) {
  // 0.2 s of work a request on 8 workers: a queue left behind would take many seconds to drain.
  auto server = start_server(GetParam(), {.environment = slow_texture(2000), .debug = false});
  if (GetParam() == 8) {
    ASSERT_TRUE(server->wait_descendants(8, 10s));
  }
  attack(server.port, 3s, [] { return std::size_t{0}; }, 1);
  expect_a_2x2_within_1s(server.port);
}

INSTANTIATE_TEST_SUITE_P(spools, departed_clients_of_a_spool, testing::Values(4, 8), scenario_label);

}  // namespace
}  // namespace scenario_test
