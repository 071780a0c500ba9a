#include "lc_harness/fault_check.hpp"

#include "lc_harness/process_scan.hpp"

#include <signal.h>

#include <sstream>
#include <thread>

namespace lc::harness {

using clock_type = std::chrono::steady_clock;

fault_result check_fault(const server_command& command, const load_options& load, bool must_recover) {
  fault_result f;
  f.check.name = "worker SIGKILL under load";
  auto launched = server_process::launch(command);
  if (!launched.server) {
    f.check.detail = "launch failed: " + launched.failure;
    return f;
  }
  auto& server = *launched.server;
  auto opts = load;
  opts.port = server.port();
  opts.warmup = {};
  opts.max_requests = 0;
  opts.duration = std::max(opts.duration, std::chrono::milliseconds(3000));
  load_control control;
  load_result result;
  std::thread load_thread([&] { result = run_load(opts, &control); });
  const auto start = clock_type::now();
  while (control.good.load() < 20 && clock_type::now() < start + std::chrono::seconds(2))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));

  pid_t victim = 0;
  while (!victim && clock_type::now() < start + std::chrono::seconds(2)) {
    for (const auto& p : find_marked(server.mark()))
      if (p.ppid == server.pid()) victim = p.pid;
    if (!victim) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const auto killed_at = clock_type::now();
  if (victim) ::kill(victim, SIGKILL);
  else control.stop = true;
  load_thread.join();
  if (!victim) {
    f.check.detail = "no worker child (marked process whose parent is the server) found";
    return f;
  }

  const auto bin = result.timeline_bin;
  const auto kill_bin = static_cast<std::size_t>((killed_at - result.measure_start) / bin);
  std::size_t last_failure = kill_bin;
  bool any_failure = false;
  for (std::size_t b = kill_bin; b < result.failed_per_bin.size(); ++b) {
    f.failed_after_kill += result.failed_per_bin[b];
    if (result.failed_per_bin[b]) last_failure = b, any_failure = true;
  }
  const std::size_t recovered_from = any_failure ? last_failure + 1 : kill_bin;
  for (std::size_t b = recovered_from; b < result.good_per_bin.size(); ++b) f.good_after_recovery += result.good_per_bin[b];
  const auto kill_offset = killed_at - result.measure_start;
  f.recovery_seconds = any_failure ? std::chrono::duration<double>(bin * (last_failure + 1) - kill_offset).count() : 0.0;
  f.window_seconds = std::chrono::duration<double>(result.measure_start + opts.duration - killed_at).count();
  f.slowest_failure_ms = result.slowest_failure_us / 1000.0;
  f.check.seconds = f.recovery_seconds;

  std::vector<std::string> problems;
  if (result.timeouts) problems.push_back(std::to_string(result.timeouts) + " requests hung (timeout)");
  if (result.socket_errors) problems.push_back(std::to_string(result.socket_errors) + " socket errors");
  if (result.invalid_bodies) problems.push_back(std::to_string(result.invalid_bodies) + " invalid bodies");
  if (must_recover && f.good_after_recovery < 10) problems.push_back("no recovery");
  f.check.passed = problems.empty();
  std::ostringstream d;
  d << "killed worker " << victim << "; " << f.failed_after_kill << " error replies (slowest "
    << f.slowest_failure_ms << " ms); " << f.good_after_recovery << " good replies within "
    << f.window_seconds << " s";
  if (f.good_after_recovery) d << "; recovered " << f.recovery_seconds << " s after the kill";
  else d << "; no good reply after the kill";
  for (const auto& p : problems) d << "; " << p;
  if (!result.first_failure.empty()) d << "; first failure: " << result.first_failure;
  f.check.detail = d.str();
  return f;
}

}  // namespace lc::harness
