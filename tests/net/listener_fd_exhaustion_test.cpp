// A framed listener in a child whose descriptors run out (RLIMIT_NOFILE lowered, then flooded with
// connections): it waits instead of spinning on EMFILE, and serves again once they close.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "peer_process.hpp"
#include "raw_client.hpp"

namespace {

constexpr int open_files = 32;

int open_descriptors(pid_t pid) {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

// User plus system CPU time of a process, in seconds (/proc/<pid>/stat fields 14 and 15).
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i >= 14) ticks += std::stol(field);
  return static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

template <class Condition>
bool within(std::chrono::seconds limit, Condition done) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the condition, with a deadline
  }
  return true;
}

}  // namespace

TEST(listener_fd_exhaustion, a_frame_listener_out_of_descriptors_waits_and_serves_again_when_they_close) {
  peer_process listener({"--role=respond", "--port=0", "--serve-on=true"}, open_files);
  std::string port = listener.log_match(std::regex(R"(listening at (\d+)\n)"));
  ASSERT_FALSE(port.empty());
  std::vector<std::unique_ptr<raw_client>> flood;
  for (int i = 0; i < 2 * open_files; ++i)
    flood.push_back(std::make_unique<raw_client>(static_cast<unsigned short>(std::stoi(port))));
  ASSERT_TRUE(within(std::chrono::seconds(10), [&] { return open_descriptors(listener.pid()) >= open_files; }))
      << open_descriptors(listener.pid()) << " descriptors open";

  // A second with connections still waiting in the backlog: pausing costs next to no CPU, where
  // retrying the failed accept at once keeps a core busy.
  double before = cpu_seconds(listener.pid());
  auto began = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the measuring window, not a wait for an event
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  double used = cpu_seconds(listener.pid()) - before;
  EXPECT_LT(used, 0.2 * wall) << used << " s of CPU in " << wall << " s out of descriptors";

  flood.clear();
  peer_process driver({"--role=drive", "--port=" + port});
  EXPECT_EQ(driver.result(), std::make_pair(std::string("\"ok\"\n"), 0));
}
