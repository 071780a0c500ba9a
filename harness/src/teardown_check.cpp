#include "lc_harness/teardown_check.hpp"

#include "lc_harness/child_reaper.hpp"
#include "lc_harness/process_scan.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <optional>
#include <sstream>
#include <thread>

namespace lc::harness {

using clock_type = std::chrono::steady_clock;

namespace {

std::string describe_status(const std::optional<int>& status) {
  if (!status) return "still running";
  if (WIFEXITED(*status)) return "exit " + std::to_string(WEXITSTATUS(*status));
  if (WIFSIGNALED(*status)) return "killed by signal " + std::to_string(WTERMSIG(*status));
  return "wait status " + std::to_string(*status);
}

bool wait_gone(const std::string& mark, clock_type::time_point deadline) {
  for (;;) {
    reap_children();
    if (find_marked(mark).empty()) return true;
    if (clock_type::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string left_behind(const std::string& mark) {
  std::string out;
  for (const auto& p : find_marked(mark)) {
    out += ' ';
    out += std::to_string(p.pid);
    out += '(' + p.name + ')';
  }
  return out;
}

}  // namespace

std::string_view to_string(teardown_kind kind) {
  switch (kind) {
    case teardown_kind::sigint_idle: return "SIGINT idle";
    case teardown_kind::sigterm_idle: return "SIGTERM idle";
    case teardown_kind::sigint_load: return "SIGINT under load";
    case teardown_kind::sigterm_load: return "SIGTERM under load";
    case teardown_kind::parent_sigkill: return "parent SIGKILL";
    case teardown_kind::sigint_stuck_worker: return "SIGINT with a stopped worker";
  }
  return "?";
}

std::chrono::milliseconds teardown_deadline(bool process_kind) {
  return std::chrono::milliseconds(process_kind ? 1000 : 500);
}

bool has_abort_line(std::string_view output) {
  std::istringstream in{std::string(output)};
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos && line.substr(colon + 2) == "aborted (user or software interrupt)") return true;
  }
  return false;
}

check_result check_teardown(const server_command& command, teardown_kind kind, bool process_kind,
                            const load_options& load) {
  check_result r{std::string(to_string(kind)), false, 0.0, ""};
  auto launched = server_process::launch(command);
  if (!launched.server) {
    r.detail = "launch failed: " + launched.failure;
    return r;
  }
  auto& server = *launched.server;
  load_control control;
  std::thread load_thread;
  const bool stuck = kind == teardown_kind::sigint_stuck_worker;
  const bool under_load = kind == teardown_kind::sigint_load || kind == teardown_kind::sigterm_load || stuck;
  if (under_load) {
    auto opts = load;
    opts.port = server.port();
    opts.warmup = {};
    opts.duration = std::chrono::seconds(10);
    opts.max_requests = 0;
    load_thread = std::thread([opts, &control] { run_load(opts, &control); });
    const auto until = clock_type::now() + std::chrono::seconds(5);
    while (control.good.load() < 20 && control.failed.load() == 0 && clock_type::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  pid_t stopped = 0;
  for (const auto until = clock_type::now() + std::chrono::seconds(2); stuck && !stopped && clock_type::now() < until;) {
    for (const auto& p : find_marked(server.mark()))
      if (p.ppid == server.pid()) stopped = p.pid;
    if (!stopped) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (stopped) ::kill(stopped, SIGSTOP);
  const int sig = kind == teardown_kind::sigint_idle || kind == teardown_kind::sigint_load || stuck ? SIGINT
                  : kind == teardown_kind::parent_sigkill                                 ? SIGKILL
                                                                                          : SIGTERM;
  const auto deadline_span = kind == teardown_kind::parent_sigkill ? std::chrono::milliseconds(1000)
                             : stuck                                ? stuck_worker_deadline
                                                                    : teardown_deadline(process_kind);
  const auto signalled = clock_type::now();
  const auto deadline = signalled + deadline_span;
  ::kill(server.pid(), sig);
  const auto status = wait_for_exit(server.pid(), deadline + std::chrono::seconds(3));
  const auto exited = clock_type::now();
  const bool gone = wait_gone(server.mark(), std::max(deadline, exited));
  const auto all_gone = clock_type::now();
  control.stop = true;
  if (load_thread.joinable()) load_thread.join();
  r.seconds = std::chrono::duration<double>((gone ? all_gone : exited) - signalled).count();

  std::vector<std::string> problems;
  if (stuck && !stopped) problems.push_back("no worker child (marked, parent is the server) to stop");
  if (!status) problems.push_back("did not exit within " + std::to_string((deadline_span + std::chrono::seconds(3)).count()) + " ms");
  if (status && exited > deadline)
    problems.push_back("exited after " + std::to_string(std::chrono::duration<double>(exited - signalled).count()) + " s");
  if (!gone) problems.push_back("processes left:" + left_behind(server.mark()));
  else if (all_gone > deadline) problems.push_back("descendants gone only after " + std::to_string(r.seconds) + " s");
  if (kind != teardown_kind::parent_sigkill) {
    if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 71)
      problems.push_back(describe_status(status) + ", expected exit 71");
    const bool line = server.wait_output_contains("aborted (user or software interrupt)", clock_type::now() + std::chrono::seconds(2));
    if (!line || !has_abort_line(server.output()))
      problems.push_back("no 'aborted (user or software interrupt)' line on stderr");
  }
  if (status && port_listening(server.port())) problems.push_back("port " + std::to_string(server.port()) + " still in LISTEN");
  if (!server.kill_all()) problems.push_back("could not kill the leftovers");
  r.passed = problems.empty();
  std::ostringstream d;
  d << describe_status(status) << " after " << r.seconds << " s (limit " << deadline_span.count() / 1000.0 << " s)";
  for (const auto& p : problems) d << "; " << p;
  if (!r.passed) {
    auto out = server.output();
    if (out.size() > 400) out = out.substr(out.size() - 400);
    d << "; output: " << out;
  }
  r.detail = d.str();
  return r;
}

}  // namespace lc::harness
