#include "lc_harness/suite_runner.hpp"

#include "lc_harness/ceilings.hpp"
#include "lc_harness/fault_check.hpp"
#include "lc_harness/load_generator.hpp"
#include "lc_harness/load_plan.hpp"
#include "lc_harness/manifest.hpp"
#include "lc_harness/process_scan.hpp"
#include "lc_harness/server_process.hpp"
#include "lc_harness/teardown_check.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <tuple>

namespace lc::harness {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool suite_report::passed() const {
  if (loads.empty() && checks.empty()) return false;
  return std::all_of(loads.begin(), loads.end(), [](auto& l) { return l.passed; }) &&
         std::all_of(checks.begin(), checks.end(), [](auto& c) { return c.passed; }) &&
         std::all_of(rows.begin(), rows.end(), [](auto& r) { return r.thresholds_passed(); });
}

suite_options preset(const std::string& suite) {
  suite_options o;
  o.suite = suite;
  if (suite == "ci") {
    o.connections = {8};
    o.sizes = {8};
    o.warmup = 200ms;
    o.duration = 700ms;
    o.timeout = 3000ms;
    o.run_ceilings = false;
  } else if (suite == "full") {
    o.connections = {1, 8, 64};
    o.sizes = {8, 100};
    o.warmup = 500ms;
    o.duration = 3000ms;
    o.repetitions = 5;
  }
  return o;
}

namespace {

std::string self_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

std::string replace_all(std::string text, std::string_view key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

load_options make_load(const suite_options& o, int connections, int size, bool random) {
  load_options l;
  l.connections = connections;
  l.size = size;
  l.random_sizes = random;
  l.pipeline = o.pipeline;
  l.keep_alive = o.keep_alive;
  l.warmup = o.warmup;
  l.duration = o.duration;
  l.max_requests = o.requests;
  l.timeout = o.timeout;
  l.threads = o.client_threads;
  l.full_check_every = o.full_check_every;
  l.rate = o.rate;
  return l;
}

load_row measure(server_process& server, load_options l, load_control* control = nullptr) {
  l.port = server.port();
  const auto before = measure_marked(server.mark());
  const auto switches_before = thread_switches(server.mark());
  auto r = run_load(l, control);
  const auto switches_after = thread_switches(server.mark());
  const auto after = measure_marked(server.mark());
  load_row row;
  row.connections = l.connections;
  row.size = l.size;
  row.random_sizes = l.random_sizes;
  row.good = r.good;
  row.socket_errors = r.socket_errors;
  row.timeouts = r.timeouts;
  row.non_2xx = r.non_2xx;
  row.invalid_bodies = r.invalid_bodies;
  row.requests_per_second = r.requests_per_second();
  row.p50_us = r.latency.percentile_us(50);
  row.p90_us = r.latency.percentile_us(90);
  row.p99_us = r.latency.percentile_us(99);
  row.p999_us = r.latency.percentile_us(99.9);
  row.max_us = r.latency.max_us();
  row.server_cpu_seconds = std::max(0.0, after.cpu_seconds - before.cpu_seconds);
  const auto replies = r.good + r.errors();
  row.server_cpu_us_per_request = replies ? row.server_cpu_seconds * 1e6 / replies : 0.0;
  row.server_rss_bytes = after.rss_bytes;
  row.server_switches_per_request =
      replies ? static_cast<double>(switches_between(switches_before, switches_after)) / replies : 0.0;
  row.server_processes = after.processes;
  row.client_cpu_us_per_request = r.client_cpu_us_per_request;
  row.client_cpu_share = r.client_cpu_share;
  row.bodies_fully_checked = r.bodies_fully_checked;
  row.late = r.late;
  row.dropped = r.dropped;
  row.offered_rate = l.rate;
  row.passed = r.errors() == 0 && r.good > 0;
  row.detail = row.passed ? "" : r.good == 0 && r.errors() == 0 ? "no replies" : r.first_failure;
  row.latency_buckets = r.latency.nonempty_buckets();
  row.timeline_bin_ms = static_cast<int>(r.timeline_bin.count());
  auto used = r.good_per_bin.size();
  while (used > 0 && r.good_per_bin[used - 1] == 0 && r.failed_per_bin[used - 1] == 0) --used;
  row.good_per_bin.assign(r.good_per_bin.begin(), r.good_per_bin.begin() + static_cast<std::ptrdiff_t>(used));
  row.failed_per_bin.assign(r.failed_per_bin.begin(), r.failed_per_bin.begin() + static_cast<std::ptrdiff_t>(used));
  return row;
}

// Ceilings are measured right after the scenario run they divide, so drift on a shared machine
// moves both; the bare loops (create+join, spawn) too, for at most 2 s each.
class ceiling_book {
public:
  ceiling_book(const suite_options& o, suite_report& report) : o_(o), report_(report), tools_(self_dir()) {}

  void attach(load_row& row) {
    const int n = row.scenario;
    ceiling_row c;
    if (n == 1 || n == 3 || n == 4 || n == 7 || n == 8) {
      c = http_ceiling(n == 7 || n == 8 ? "relay" : "static responder", row);
      row.ceiling_p99_us = c.available ? c.p99_us : 0.0;
    } else if (n == 2 || n == 5 || n == 6) {
      c = bare_ceiling(n);
    } else {
      return;
    }
    c.scenario = n;
    report_.ceilings.push_back(c);
    row.ceiling_name = c.name;
    row.ceiling_per_second = c.available ? c.per_second : 0.0;
    row.ratio = row.ceiling_per_second > 0 ? row.requests_per_second / row.ceiling_per_second : 0.0;
    row.target_ratio = n == 3 || n == 4 ? 0.4 : 0.5;
    row.meets_target = row.ceiling_per_second > 0 && row.ratio >= row.target_ratio;
  }

private:
  ceiling_row http_ceiling(const std::string& name, const load_row& row) {
    ceiling_row c{name, row.connections, row.size, 0.0, 0.0, false, ""};
    server_command cmd{tools_ + (name == "relay" ? "/lc-relay" : "/lc-static-responder"), "", {}};
    auto launched = server_process::launch(cmd);
    if (launched.server) {
      auto m = measure(*launched.server, make_load(o_, row.connections, row.size, row.random_sizes));
      c.per_second = m.requests_per_second;
      c.p99_us = m.p99_us;
      c.available = m.passed;
      if (!m.passed) c.note = "errors: " + m.detail;
    } else {
      c.note = launched.failure;
    }
    return c;
  }

  ceiling_row bare_ceiling(int n) const {
    const auto worker = (fs::path(o_.bin_dir) / "test_function_5").string();
    const auto d = std::clamp<std::chrono::milliseconds>(o_.duration, 200ms, 2000ms);
    auto r = n == 2 ? measure_create_join(d) : measure_spawn(worker, n == 5 ? 1 : 2, d);
    return {r.name, 0, 8, r.per_second, 0.0, r.available, r.note};
  }

  const suite_options& o_;
  suite_report& report_;
  std::string tools_;
};

struct target {
  server_command command;
  bool process_kind = false;
};

// Counts steps and their planned seconds for the progress line.
class step_counter {
public:
  step_counter(const progress_fn& progress, int total, double seconds_total)
      : progress_(progress), total_(total), seconds_total_(seconds_total) {}

  void begin(const std::string& what, double seconds) {
    what_ = what;
    progress_({++step_, total_, what, seconds_done_, seconds_total_, last_rps_, errors_});
    seconds_done_ += seconds;
  }
  // Redraws the current step every half second with the running load's rate, until stopped.
  std::jthread watch(const load_control& control) {
    return std::jthread([this, &control](std::stop_token stop) {
      std::mutex m;
      std::condition_variable_any tick;
      auto last = control.good.load();
      auto at = std::chrono::steady_clock::now();
      std::unique_lock lock(m);
      while (!stop.stop_requested()) {
        tick.wait_for(lock, stop, 500ms, [] { return false; });
        if (stop.stop_requested()) break;
        const auto good = control.good.load();
        const auto now = std::chrono::steady_clock::now();
        const double rps = static_cast<double>(good - last) / std::chrono::duration<double>(now - at).count();
        last = good;
        at = now;
        progress_({step_, total_, what_, seconds_done_, seconds_total_, rps, errors_ + control.failed.load(), true});
      }
    });
  }
  void ran(const load_row& row) {
    last_rps_ = row.requests_per_second;
    errors_ += row.socket_errors + row.timeouts + row.non_2xx + row.invalid_bodies;
  }

private:
  const progress_fn& progress_;
  int step_ = 0, total_;
  std::string what_;
  double seconds_done_ = 0.0, seconds_total_;
  double last_rps_ = -1.0;
  std::uint64_t errors_ = 0;
};

std::vector<teardown_kind> teardowns_of(int number, bool process_kind) {
  std::vector<teardown_kind> kinds = {teardown_kind::sigint_idle, teardown_kind::sigterm_idle,
                                      teardown_kind::sigint_load, teardown_kind::sigterm_load};
  if (process_kind) kinds.push_back(teardown_kind::parent_sigkill);
  if (number == 7 || number == 8) kinds.push_back(teardown_kind::sigint_stuck_worker);
  return kinds;
}

class suite_run {
public:
  suite_run(const suite_options& o, suite_report& report, const std::map<int, target>& targets)
      : o_(o), report_(report), targets_(targets) {}

  void run(const progress_fn& progress) {
    std::vector<int> scenarios;
    for (auto& [n, t] : targets_) scenarios.push_back(n);
    const auto plan = o_.run_load ? plan_loads(scenarios, {o_.suite, o_.connections, o_.sizes, o_.random_sizes,
                                                           o_.repetitions}, o_.seed)
                                  : std::vector<load_cell>{};
    const double per_run = std::chrono::duration<double>(o_.warmup + o_.duration).count();
    int checks = 0;
    for (auto& [n, t] : targets_) {
      if (o_.run_fault && (n == 7 || n == 8)) ++checks;
      if (o_.run_teardown) checks += static_cast<int>(teardowns_of(n, t.process_kind).size());
    }
    const double check_seconds = 1.5;
    step_counter steps(progress, static_cast<int>(plan.size()) + checks,
                       static_cast<double>(plan.size()) * per_run * runs_per_cell() + checks * check_seconds);
    ceiling_book ceilings(o_, report_);
    int order = 0;
    for (const auto& cell : plan) {
      steps.begin("scenario " + std::to_string(cell.scenario) + ": " + std::to_string(cell.connections) +
                      " connections, size " + (cell.random_sizes ? "random up to " : "") + std::to_string(cell.size) +
                      ", repetition " + std::to_string(cell.repetition) + "/" + std::to_string(o_.repetitions),
                  per_run * runs_per_cell());
      ++order;
      auto* server = server_for(cell.scenario);
      if (!server) continue;
      load_control control;
      auto watcher = o_.live_progress ? steps.watch(control) : std::jthread();
      auto row = measure(*server, make_load(o_, cell.connections, cell.size, cell.random_sizes), &control);
      watcher = {};
      if (!row.passed && !accepting(server->port())) {
        auto out = server->output();
        row.detail += "; the server stopped listening; its output: " + (out.size() > 400 ? out.substr(out.size() - 400) : out);
        servers_.erase(cell.scenario);
      }
      row.scenario = cell.scenario;
      row.kind = targets_.at(cell.scenario).process_kind ? "process" : "thread";
      row.repetition = cell.repetition;
      row.order = order;
      if (o_.rate > 0) row.mode = "open " + std::to_string(std::lround(o_.rate)) + "/s";
      steps.ran(row);
      if (o_.run_ceilings) ceilings.attach(row);
      const double closed_rps = row.passed && o_.rate == 0 ? row.requests_per_second : 0.0;
      report_.loads.push_back(std::move(row));
      if (closed_rps > 0)
        for (double pct : o_.rate_percents) run_open(cell, *server, closed_rps, pct, order, steps);
    }
    servers_.clear();
    for (auto& [n, t] : targets_) {
      if (o_.run_fault && (n == 7 || n == 8)) {
        steps.begin("scenario " + std::to_string(n) + ": worker SIGKILL under load", check_seconds);
        auto f = check_fault(t.command, make_load(o_, 8, 8, false), n == 8);
        add_check(n, f.check);
      }
      if (!o_.run_teardown) continue;
      for (auto k : teardowns_of(n, t.process_kind)) {
        steps.begin("scenario " + std::to_string(n) + ": teardown " + std::string(to_string(k)), check_seconds);
        add_check(n, check_teardown(t.command, k, t.process_kind, make_load(o_, 8, 8, false)));
      }
    }
  }

private:
  // The same cell open loop at a share of the closed-loop rate just measured, so that a thread
  // version and its process twin can be compared at the same offered load.
  void run_open(const load_cell& cell, server_process& server, double closed_rps, double pct, int order,
                step_counter& steps) {
    auto l = make_load(o_, cell.connections, cell.size, cell.random_sizes);
    l.rate = closed_rps * pct / 100;
    auto row = measure(server, l);
    row.scenario = cell.scenario;
    row.kind = targets_.at(cell.scenario).process_kind ? "process" : "thread";
    row.repetition = cell.repetition;
    row.order = order;
    row.mode = "open " + std::to_string(std::lround(pct)) + "%";
    steps.ran(row);
    report_.loads.push_back(std::move(row));
  }

  // The scenario's server, launched on first use and again after it stopped listening;
  // nullptr (and one failed launch check) when it cannot be started.
  server_process* server_for(int n) {
    if (auto it = servers_.find(n); it != servers_.end() && accepting(it->second->port())) return it->second.get();
    servers_.erase(n);
    if (unlaunchable_.count(n)) return nullptr;
    auto launched = server_process::launch(targets_.at(n).command);
    if (!launched.server) {
      add_check(n, {"launch", false, 0.0, launched.failure});
      unlaunchable_.insert(n);
      return nullptr;
    }
    return (servers_[n] = std::move(launched.server)).get();
  }

  void add_check(int number, const check_result& c) {
    report_.checks.push_back({number, c.name, c.passed, c.seconds, c.detail});
  }

  int runs_per_cell() const { return 1 + (o_.run_ceilings ? 1 : 0) + static_cast<int>(o_.rate_percents.size()); }

  const suite_options& o_;
  suite_report& report_;
  const std::map<int, target>& targets_;
  std::map<int, std::unique_ptr<server_process>> servers_;
  std::set<int> unlaunchable_;
};

}  // namespace

suite_report run_suite(const suite_options& o, const progress_fn& progress) {
  suite_report report;
  report.suite = o.suite;
  report.label = o.label.empty() ? (o.server_cmd.empty() ? "lc" : o.server_cmd) : o.label;
  report.started = now_text();
  report.repetitions = o.repetitions;
  report.seed = o.seed;
  report.machine = describe_machine();
  report.build = describe_build();
  report.servers_ours = o.server_cmd.empty();
  std::vector<scenario_entry> manifest;
  try {
    manifest = read_manifest(o.manifest);
  } catch (const std::exception& e) {
    report.notes.push_back(e.what());
  }
  std::vector<int> selection = o.scenarios;
  if (selection.empty()) {
    for (auto& e : manifest) selection.push_back(e.number);
    if (selection.empty()) {
      const std::string why = "the scenario manifest " + o.manifest +
                              " lists no scenarios (are the scenarios built?); nothing to run";
      report.notes.push_back(why);
      report.checks.push_back({0, "manifest", false, 0.0, why});
      return report;
    }
  }
  std::sort(selection.begin(), selection.end());
  std::map<int, target> targets;
  for (int n : selection) {
    auto entry = std::find_if(manifest.begin(), manifest.end(), [n](auto& e) { return e.number == n; });
    target t;
    t.process_kind = entry != manifest.end() ? entry->process_kind() : n >= 5;
    if (!o.server_cmd.empty()) {
      t.command.shell_template = replace_all(o.server_cmd, "{scenario}", std::to_string(n));
    } else if (entry == manifest.end()) {
      report.checks.push_back({n, "manifest", false, 0.0, "scenario " + std::to_string(n) + " is not in " + o.manifest});
      continue;
    } else {
      t.command.executable = (fs::path(o.bin_dir) / entry->executable).string();
      if (!fs::exists(t.command.executable)) {
        report.checks.push_back({n, "binary", false, 0.0, t.command.executable + " is listed but missing"});
        continue;
      }
    }
    targets.emplace(n, std::move(t));
  }
  report.load_average_before = load_average();
  suite_run(o, report, targets).run(progress);
  report.load_average_after = load_average();
  report.rows = summarize_loads(report.loads);
  return report;
}

}  // namespace lc::harness
