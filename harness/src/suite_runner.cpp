#include "lc_harness/suite_runner.hpp"

#include "lc_harness/ceilings.hpp"
#include "lc_harness/fault_check.hpp"
#include "lc_harness/load_generator.hpp"
#include "lc_harness/manifest.hpp"
#include "lc_harness/process_scan.hpp"
#include "lc_harness/server_process.hpp"
#include "lc_harness/teardown_check.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

namespace lc::harness {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool suite_report::passed() const {
  if (loads.empty() && checks.empty()) return false;
  return std::all_of(loads.begin(), loads.end(), [](auto& l) { return l.passed; }) &&
         std::all_of(checks.begin(), checks.end(), [](auto& c) { return c.passed; });
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
    o.warmup = 1000ms;
    o.duration = 10000ms;
  }
  return o;
}

namespace {

std::string self_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

std::string now_text() {
  const auto t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", std::localtime(&t));
  return buf;
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
  return l;
}

load_row measure(server_process& server, load_options l) {
  l.port = server.port();
  const auto before = measure_marked(server.mark());
  auto r = run_load(l);
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
  row.server_processes = after.processes;
  row.client_cpu_us_per_request = r.client_cpu_us_per_request;
  row.passed = r.errors() == 0 && r.good > 0;
  row.detail = row.passed ? "" : r.good == 0 && r.errors() == 0 ? "no replies" : r.first_failure;
  row.latency_buckets = r.latency.nonempty_buckets();
  return row;
}

// Ceilings are measured next to the scenario run they divide, so drift on a shared machine
// moves both; the bare loops (create+join, spawn) are measured once per suite.
class ceiling_book {
public:
  ceiling_book(const suite_options& o, suite_report& report, const progress_fn& progress)
      : o_(o), report_(report), progress_(progress), tools_(self_dir()) {}

  void attach(load_row& row) {
    const int n = row.scenario;
    const ceiling_row* c = nullptr;
    if (n == 1 || n == 3 || n == 4 || n == 7 || n == 8) {
      c = &http_ceiling(n == 7 || n == 8 ? "relay" : "static responder", row);
      row.ceiling_p99_us = c->available ? c->p99_us : 0.0;
    } else if (n == 2 || n == 5 || n == 6) {
      c = &bare_ceiling(n);
    } else {
      return;
    }
    row.ceiling_name = c->name;
    row.ceiling_per_second = c->available ? c->per_second : 0.0;
    row.ratio = row.ceiling_per_second > 0 ? row.requests_per_second / row.ceiling_per_second : 0.0;
    row.target_ratio = n == 3 || n == 4 ? 0.4 : 0.5;
    row.meets_target = row.ceiling_per_second > 0 && row.ratio >= row.target_ratio;
  }

private:
  const ceiling_row& http_ceiling(const std::string& name, const load_row& row) {
    progress_("ceiling " + name + " next to scenario " + std::to_string(row.scenario) + ": " +
              std::to_string(row.connections) + " connections, size " + std::to_string(row.size));
    ceiling_row c{name, row.connections, row.size, 0.0, 0.0, false, ""};
    c.scenario = row.scenario;
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
    report_.ceilings.push_back(c);
    return report_.ceilings.back();
  }

  const ceiling_row& bare_ceiling(int n) {
    if (auto it = bare_.find(n); it != bare_.end()) return it->second;
    const std::string what = n == 2 ? "create+join" : n == 5 ? "spawn sequential" : "spawn parallel";
    progress_("ceiling " + what);
    const auto worker = (fs::path(o_.bin_dir) / "test_function_5").string();
    auto r = n == 2 ? measure_create_join(2000ms) : measure_spawn(worker, n == 5 ? 1 : 2, 3000ms);
    ceiling_row c{r.name, 0, 8, r.per_second, 0.0, r.available, r.note};
    report_.ceilings.push_back(c);
    return bare_[n] = c;
  }

  const suite_options& o_;
  suite_report& report_;
  const progress_fn& progress_;
  std::string tools_;
  std::map<int, ceiling_row> bare_;
};

class scenario_run {
public:
  scenario_run(const suite_options& o, suite_report& report, const progress_fn& progress, ceiling_book* ceilings)
      : o_(o), report_(report), progress_(progress), ceilings_(ceilings) {}

  void run(int number, const server_command& command, bool process_kind) {
    const std::string kind = process_kind ? "process" : "thread";
    if (o_.run_load) run_loads(number, command, kind);
    if (o_.run_fault && (number == 7 || number == 8)) {
      progress_("scenario " + std::to_string(number) + ": worker SIGKILL under load");
      auto f = check_fault(command, make_load(o_, 8, 8, false), number == 8);
      add_check(number, f.check);
    }
    if (!o_.run_teardown) return;
    std::vector<teardown_kind> kinds = {teardown_kind::sigint_idle, teardown_kind::sigterm_idle,
                                        teardown_kind::sigint_load, teardown_kind::sigterm_load};
    if (process_kind) kinds.push_back(teardown_kind::parent_sigkill);
    if (number == 7 || number == 8) kinds.push_back(teardown_kind::sigint_stuck_worker);
    for (auto k : kinds) {
      progress_("scenario " + std::to_string(number) + ": teardown " + std::string(to_string(k)));
      add_check(number, check_teardown(command, k, process_kind, make_load(o_, 8, 8, false)));
    }
  }

private:
  void run_loads(int number, const server_command& command, const std::string& kind) {
    std::unique_ptr<server_process> server;
    std::vector<std::tuple<int, int, bool>> plan;
    for (int c : o_.connections)
      for (int s : o_.sizes) plan.emplace_back(c, s, o_.random_sizes);
    if (o_.suite == "ci") plan.emplace_back(4, 100, true);
    if (o_.suite == "full" && number == 4) plan.emplace_back(1000, 8, false);
    for (auto [c, s, random] : plan) {
      if (!server || exit_status_known(*server)) {
        auto launched = server_process::launch(command);
        if (!launched.server) {
          add_check(number, {"launch", false, 0.0, launched.failure});
          return;
        }
        server = std::move(launched.server);
      }
      progress_("scenario " + std::to_string(number) + ": " + std::to_string(c) + " connections, size " +
                (random ? "random up to " : "") + std::to_string(s));
      auto row = measure(*server, make_load(o_, c, s, random));
      if (!row.passed && !accepting(server->port())) {
        auto out = server->output();
        row.detail += "; the server stopped listening; its output: " + (out.size() > 400 ? out.substr(out.size() - 400) : out);
      }
      row.scenario = number;
      row.kind = kind;
      if (ceilings_) ceilings_->attach(row);
      report_.loads.push_back(std::move(row));
    }
  }

  static bool exit_status_known(server_process& server) { return !accepting(server.port()); }

  void add_check(int number, const check_result& c) {
    report_.checks.push_back({number, c.name, c.passed, c.seconds, c.detail});
  }

  const suite_options& o_;
  suite_report& report_;
  const progress_fn& progress_;
  ceiling_book* ceilings_;
};

}  // namespace

suite_report run_suite(const suite_options& o, const progress_fn& progress) {
  suite_report report;
  report.suite = o.suite;
  report.label = o.label.empty() ? (o.server_cmd.empty() ? "lc" : o.server_cmd) : o.label;
  report.started = now_text();
  report.machine = describe_machine();
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
  ceiling_book ceilings(o, report, progress);
  scenario_run runner(o, report, progress, o.run_ceilings ? &ceilings : nullptr);
  for (int n : selection) {
    auto entry = std::find_if(manifest.begin(), manifest.end(), [n](auto& e) { return e.number == n; });
    const bool process_kind = entry != manifest.end() ? entry->process_kind() : n >= 5;
    server_command command;
    if (!o.server_cmd.empty()) {
      command.shell_template = replace_all(o.server_cmd, "{scenario}", std::to_string(n));
    } else if (entry == manifest.end()) {
      report.checks.push_back({n, "manifest", false, 0.0, "scenario " + std::to_string(n) + " is not in " + o.manifest});
      continue;
    } else {
      command.executable = (fs::path(o.bin_dir) / entry->executable).string();
      if (!fs::exists(command.executable)) {
        report.checks.push_back({n, "binary", false, 0.0, command.executable + " is listed but missing"});
        continue;
      }
    }
    runner.run(n, command, process_kind);
  }
  return report;
}

}  // namespace lc::harness
