// The harness itself leaves nothing behind when it is interrupted or killed mid-run.
#include "lc_harness/child_reaper.hpp"
#include "lc_harness/process_scan.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

using namespace lc::harness;
using clock_type = std::chrono::steady_clock;

namespace {

std::vector<pid_t> marked_descendants_of(pid_t harness) {
  std::vector<pid_t> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "environ", std::ios::binary);
    const std::string env((std::istreambuf_iterator<char>(in)), {});
    process_info info;
    if (env.find("LC_HARNESS_MARK=") == std::string::npos || !read_process(std::stoi(name), info)) continue;
    if (info.state == 'Z') continue;
    process_info parent;
    if (info.ppid == harness || (read_process(info.ppid, parent) && parent.ppid == harness)) out.push_back(info.pid);
  }
  return out;
}

bool all_gone(const std::vector<pid_t>& pids, clock_type::time_point deadline) {
  for (;;) {
    reap_children();
    bool any = false;
    for (pid_t p : pids) {
      process_info info;
      any = any || (read_process(p, info) && info.state != 'Z');
    }
    if (!any) return true;
    if (clock_type::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void stop_harness_mid_run(int sig) {
  const auto harness = test::bin("lc-harness");
  const auto server = test::bin("lc-relay") + " --server-address={address}";
  const auto output = std::filesystem::temp_directory_path() / ("lc-harness-signal-" + std::to_string(getpid()));
  const pid_t pid = fork();
  if (pid == 0) {
    execl(harness.c_str(), harness.c_str(), "--scenarios", "7", "--server-cmd", server.c_str(), "--duration", "20s",
          "--no-ceilings", "--no-fault", "--output", output.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::vector<pid_t> server_tree;
  const auto until = clock_type::now() + std::chrono::seconds(10);
  while ((server_tree = marked_descendants_of(pid)).size() < 2 && clock_type::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(server_tree.size(), 2u) << "relay and its worker under the harness";
  ::kill(pid, sig);
  EXPECT_TRUE(wait_for_exit(pid, clock_type::now() + std::chrono::seconds(5)));
  EXPECT_TRUE(all_gone(server_tree, clock_type::now() + std::chrono::seconds(1)));
  for (pid_t p : server_tree) ::kill(p, SIGKILL);
  std::filesystem::remove_all(output);
}

}  // namespace

TEST(harness_signals, sigint_on_the_harness_stops_every_server_process) { stop_harness_mid_run(SIGINT); }

TEST(harness_signals, sigkill_on_the_harness_takes_every_server_process_with_it) { stop_harness_mid_run(SIGKILL); }
