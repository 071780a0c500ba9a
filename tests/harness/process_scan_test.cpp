#include "lc_harness/child_reaper.hpp"
#include "lc_harness/process_scan.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

using namespace lc::harness;
using clock_type = std::chrono::steady_clock;

namespace {

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = clock_type::now() + limit;
  while (!pred()) {
    if (clock_type::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace

TEST(process_scan, a_mark_finds_the_server_and_its_child) {
  auto launched = server_process::launch(test::command_for("fake_leaves_child"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto& server = *launched.server;
  std::vector<process_info> found;
  ASSERT_TRUE(eventually([&] { return (found = find_marked(server.mark())).size() == 2; }));
  int children = 0;
  for (auto& p : found) children += p.ppid == server.pid();
  EXPECT_EQ(children, 1);
  EXPECT_TRUE(find_marked(new_mark()).empty());
}

TEST(process_scan, an_orphan_is_still_found_and_becomes_ours) {
  auto launched = server_process::launch(test::command_for("fake_leaves_child"));
  ASSERT_TRUE(launched.server) << launched.failure;
  auto& server = *launched.server;
  ASSERT_TRUE(eventually([&] { return find_marked(server.mark()).size() == 2; }));
  ::kill(server.pid(), SIGKILL);
  ASSERT_TRUE(wait_for_exit(server.pid(), clock_type::now() + std::chrono::seconds(5)));
  std::vector<process_info> left;
  ASSERT_TRUE(eventually([&] {
    left = find_marked(server.mark());
    return left.size() == 1 && left[0].ppid == getpid();
  }));
  EXPECT_TRUE(server.kill_all());
  EXPECT_TRUE(find_marked(server.mark()).empty());
}

TEST(process_scan, a_listening_port_is_seen_until_the_server_is_gone) {
  auto launched = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(launched.server) << launched.failure;
  EXPECT_TRUE(port_listening(launched.server->port()));
  const auto port = launched.server->port();
  EXPECT_TRUE(launched.server->kill_all());
  EXPECT_FALSE(port_listening(port));
}

TEST(process_scan, tree_usage_counts_every_marked_process) {
  auto launched = server_process::launch(test::command_for("lc-relay"));
  ASSERT_TRUE(launched.server) << launched.failure;
  ASSERT_TRUE(eventually([&] { return measure_marked(launched.server->mark()).processes == 2; }));
  EXPECT_GT(measure_marked(launched.server->mark()).rss_bytes, 0u);
}

// One request at a time on one connection, with a pause after each answer so that the server has
// nothing to do and must block: each request then costs its thread at least one switch. (Without
// the pause a fast client can hand over the next request before the server thread blocks, and
// the count says little.) The pause is the workload, not a wait for an event.
void serial_requests(unsigned short port, int count) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in where{};
  where.sin_family = AF_INET;
  where.sin_port = htons(port);
  where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&where), sizeof where), 0);
  const std::string request = "GET /Xy?x=1&y=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  char reply[4096];
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    ASSERT_GT(::recv(fd, reply, sizeof reply, 0), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::close(fd);
}

TEST(process_scan, context_switches_of_the_server_threads_grow_with_its_requests) {
  auto launched = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(launched.server) << launched.failure;
  const auto before = thread_switches(launched.server->mark());
  ASSERT_FALSE(before.empty());
  serial_requests(launched.server->port(), 200);
  const auto after = thread_switches(launched.server->mark());
  EXPECT_GE(switches_between(before, after), 200u);
  EXPECT_EQ(switches_between(after, after), 0u);
  EXPECT_EQ(switches_between(after, before), 0u) << "a count that went down is not negative work";
}

TEST(server_process, placeholders_become_single_quoted_words) {
  EXPECT_EQ(expand_template("srv --server-address={address} --port {port} --host={host}", 5051),
            R"(srv --server-address='{"host":"127.0.0.1","port":5051}' --port '5051' --host='127.0.0.1')");
  EXPECT_EQ(shell_quote("it's"), R"('it'\''s')");
}

TEST(server_process, a_shell_command_runs_as_the_server_itself) {
  server_command cmd{"", test::bin("lc-static-responder") + " --server-address={address}", {}};
  auto launched = server_process::launch(cmd);
  ASSERT_TRUE(launched.server) << launched.failure;
  process_info info;
  ASSERT_TRUE(read_process(launched.server->pid(), info));
  EXPECT_EQ(info.name, "lc-static-respo");
}

TEST(server_process, a_busy_port_is_retried_with_another) {
  auto first = server_process::launch(test::command_for("lc-static-responder"));
  ASSERT_TRUE(first.server) << first.failure;
  // A script that tries the busy port first and the offered one after.
  const auto busy = std::to_string(first.server->port());
  const auto base = "/tmp/lc-harness-retry-" + std::to_string(getpid());
  const auto flag = base + ".flag", script = base + ".sh";
  ::unlink(flag.c_str());
  std::ofstream(script) << "if [ -e " << flag << " ]; then exec " << test::bin("lc-static-responder")
                        << " --server-address=\"$1\"; else touch " << flag << "; exec " << test::bin("lc-static-responder")
                        << " --server-address='{\"host\":\"127.0.0.1\",\"port\":" << busy << "}'; fi\n";
  auto second = server_process::launch({"", "sh " + script + " {address}", {}});
  ::unlink(flag.c_str());
  ::unlink(script.c_str());
  ASSERT_TRUE(second.server) << second.failure;
  EXPECT_NE(second.server->port(), first.server->port());
}
