// A library child's back-channel: only the child its ProcessObject started is taken for it.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

#include <boost/json.hpp>

#include "echo_worker.hpp"
#include "lc/lc.hpp"

LC_LIBRARY(echo_worker, "lc_test_slow_library")

namespace {

using namespace std::chrono_literals;

std::mutex started_mutex;
pid_t started_pid = 0;
void collect_started(const std::string& line) {
  static const std::regex started(R"(Started process \((\d+)\))");
  std::smatch found;
  std::lock_guard lock(started_mutex);
  if (std::regex_search(line, found, started)) started_pid = std::stoi(found[1]);
}

pid_t wait_started(std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    {
      std::lock_guard lock(started_mutex);
      if (started_pid) return started_pid;
    }
    if (std::chrono::steady_clock::now() > deadline) return 0;
    std::this_thread::sleep_for(5ms);  // polling the log hook's result, with a deadline
  }
}

std::string read_cmdline(pid_t child) {
  std::ifstream in("/proc/" + std::to_string(child) + "/cmdline");
  return {std::istreambuf_iterator<char>(in), {}};
}

// The port in the child's --connect-to-directory={"host":...,"port":N}.
std::int64_t back_channel_port(pid_t child) {
  std::string text = read_cmdline(child);
  const std::string flag = "--connect-to-directory=";
  auto at = text.find(flag);
  if (at == std::string::npos) return -1;
  auto value = text.substr(at + flag.size(), text.find('\0', at) - at - flag.size());
  return boost::json::parse(value).at("port").as_int64();
}

// "Started" is logged once the child's pid is known, which can be before its exec: until then its
// cmdline is ours. /proc gives no event for the exec, so it is polled, with a deadline.
std::int64_t back_channel_port_after_exec(pid_t child) {
  auto deadline = std::chrono::steady_clock::now() + 5s;
  std::int64_t port = back_channel_port(child);
  while (port < 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
    port = back_channel_port(child);
  }
  return port;
}

template <class T>
lc::message next_of(lc::channel& self, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    auto m = self.input(std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count());
    if (m && m->is<T>()) return *m;
  }
  return {};
}

}  // namespace

TEST(back_channel, a_stranger_on_the_port_is_closed_and_never_taken_for_the_child) {
  lc::channel self;
  lc::detail::set_log_hook(&collect_started);
  lc::set_log_level(lc::log_level::OBJECT);
  auto worker = self.create<lc::ProcessObject>(echo_worker);
  pid_t child = wait_started(5000ms);
  lc::set_log_level(lc::log_level::NONE);
  lc::detail::set_log_hook(nullptr);
  ASSERT_NE(child, 0) << "the child never started";
  auto port = back_channel_port_after_exec(child);
  ASSERT_GT(port, 0) << "child " << child << " cmdline: " << read_cmdline(child);

  lc::connect(self, lc::HostPort{"127.0.0.1", port});
  auto connected = next_of<lc::Connected>(self, 5);
  ASSERT_TRUE(connected) << "the stranger could not connect";
  self.send(lc::BackChannelToken{"a guess"}, connected.get<lc::Connected>()->proxy_address);
  EXPECT_TRUE(next_of<lc::Closed>(self, 5)) << "the stranger's connection was kept";

  self.send(std::string("ping"), worker);
  auto echo = next_of<std::string>(self, 10);
  ASSERT_TRUE(echo) << "the request did not reach the real child";
  EXPECT_EQ(*echo.get<std::string>(), "ping");
  self.send(lc::Stop{}, worker);
  EXPECT_TRUE(next_of<lc::Returned>(self, 10));
}

// Links to strangers default to the reference's 1 MiB frame cap; a back-channel asks for more,
// since its frames carry whole tables.
TEST(back_channel, carries_a_table_bigger_than_the_default_frame_cap_both_ways) {
  lc::channel self;
  auto worker = self.create<lc::ProcessObject>(echo_worker);
  std::vector<std::vector<double>> table(200, std::vector<double>(1000, 0.123456789012345));
  self.send(table, worker);  // about 3.4 MB of JSON
  auto echo = next_of<std::vector<std::vector<double>>>(self, 20);
  ASSERT_TRUE(echo) << "the table did not come back";
  EXPECT_EQ(*echo.get<std::vector<std::vector<double>>>(), table);
  self.send(lc::Stop{}, worker);
  EXPECT_TRUE(next_of<lc::Returned>(self, 10));
}

// Only the object's own child reader posts ChildExited (from the object itself). One from anyone
// else, such as a child over its back-channel to the object (the link's entry point), is ignored.
TEST(back_channel, a_child_exited_from_anyone_but_the_child_reader_is_ignored) {
  lc::channel self;
  auto worker = self.create<lc::ProcessObject>(echo_worker);
  self.send(std::string("ping"), worker);
  ASSERT_TRUE(next_of<std::string>(self, 10)) << "the child never answered";
  self.send(lc::ChildExited{0, "\"forged\"", false}, worker);
  self.send(std::string("again"), worker);
  auto echo = next_of<std::string>(self, 10);
  ASSERT_TRUE(echo) << "the forged ChildExited was taken for the child's end";
  EXPECT_EQ(*echo.get<std::string>(), "again");
  self.send(lc::Stop{}, worker);
  EXPECT_TRUE(next_of<lc::Returned>(self, 10));
}
