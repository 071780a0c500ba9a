#include "lc_harness/resource_runner.hpp"

#include "lc_harness/child_reaper.hpp"
#include "lc_harness/load_plan.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/resource_load.hpp"
#include "lc_harness/scratch_folder.hpp"
#include "lc_harness/server_process.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>

namespace lc::harness {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

class resource_suite {
public:
  resource_suite(const resource_options& o, resource_report& report) : o_(o), report_(report) {}

  void run(const progress_fn& progress) {
    std::vector<int> mixes(o_.read_percents.size());
    for (std::size_t i = 0; i < mixes.size(); ++i) mixes[i] = static_cast<int>(i);
    const auto plan = plan_loads(mixes, {"resource", o_.connections, {0}, false, o_.repetitions}, o_.seed);
    const double per_cell = std::chrono::duration<double>(o_.duration).count() * (o_.ceilings ? 3 : 1);
    int step = 0;
    for (const auto& cell : plan) {
      resource_run run;
      run.connections = cell.connections;
      run.read_percent = o_.read_percents[cell.scenario];
      run.repetition = cell.repetition;
      run.order = ++step;
      progress({step, static_cast<int>(plan.size()),
                "resource " + std::to_string(run.read_percent) + "/" + std::to_string(100 - run.read_percent) +
                    " c" + std::to_string(run.connections) + " rep" + std::to_string(run.repetition),
                per_cell * (step - 1), per_cell * plan.size(), last_rps_, errors_});
      measure(run);
      last_rps_ = (run.reads_per_second + run.writes_per_second);
      errors_ += run.errors;
      report_.runs.push_back(std::move(run));
    }
  }

private:
  server_command command(const fs::path& folder) const {
    const std::string model = "--model-path=" + folder.string();
    server_command c;
    if (o_.server_cmd.empty()) {
      c.executable = o_.server_executable;
      c.extra_args = {model};
    } else {
      c.shell_template = o_.server_cmd + " " + shell_quote(model);
    }
    return c;
  }

  resource_load_options load(int connections, int read_percent, unsigned short port) const {
    resource_load_options l;
    l.port = port;
    l.connections = connections;
    l.read_percent = read_percent;
    l.duration = o_.duration;
    l.timeout = o_.timeout;
    l.seed = o_.seed;
    return l;
  }

  void measure(resource_run& run) {
    scratch_folder folder("lc-resource");
    auto launched = server_process::launch(command(folder.path()));
    if (!launched.server) {
      run.errors = 1;
      run.first_errors.push_back("launch failed: " + launched.failure);
      return;
    }
    auto& server = *launched.server;
    const bool signal_at_end =
        o_.teardown && run.read_percent == *std::min_element(o_.read_percents.begin(), o_.read_percents.end());
    auto options = load(run.connections, run.read_percent, server.port());
    std::once_flag once;
    std::promise<void> signalled;
    clock_type::time_point signal_time;
    auto signal = [&] {
      std::call_once(once, [&] {
        signal_time = clock_type::now();
        ::kill(server.pid(), SIGINT);
        signalled.set_value();
      });
    };
    if (signal_at_end) options.at_window_end = signal;
    auto pending = std::async(std::launch::async, run_resource_load, options);
    std::optional<int> status;
    if (signal_at_end) {
      auto fired = signalled.get_future();
      while (fired.wait_for(std::chrono::milliseconds(10)) == std::future_status::timeout &&
             pending.wait_for(std::chrono::seconds(0)) == std::future_status::timeout) {
      }
      signal();
      status = wait_for_exit(server.pid(), signal_time + std::chrono::seconds(1));
    }
    const bool exited = status.has_value();
    const double exit_seconds = std::chrono::duration<double>(clock_type::now() - signal_time).count();
    if (signal_at_end && !exited) server.kill_all();  // ends the connections of a server that stays
    auto result = pending.get();
    server.kill_all();
    run.reads = result.reads;
    run.writes = result.writes;
    run.errors += result.errors;
    run.first_errors.insert(run.first_errors.end(), result.first_errors.begin(), result.first_errors.end());
    run.seconds = result.seconds;
    run.reads_per_second = result.reads_per_second();
    run.writes_per_second = result.writes_per_second();
    run.p50_us = result.latency.percentile_us(50);
    run.p99_us = result.latency.percentile_us(99);
    run.generator_cpu_share = result.generator_cpu_share;
    const auto store = folder.path() / "customers.json";
    const auto stored = read_text_file(store.string()).value_or("");
    run.store_bytes = stored.size();
    if (signal_at_end) run.teardown = judge_teardown(status, exited, exit_seconds, stored, result);
    if (!o_.ceilings) return;
    if (result.read_body.empty()) result.read_body = customer_reply({"c0-1", 42});
    run.read_body_bytes = result.read_body.size();
    run.write_ceiling = measure_store_rename(run.store_bytes, o_.duration);
    if (run.write_ceiling.per_second > 0) run.write_ratio = run.writes_per_second / run.write_ceiling.per_second;
    run.read_ceiling = measure_read_ceiling(run, folder.path(), result.read_body);
    if (run.read_ceiling.per_second > 0) run.read_ratio = run.reads_per_second / run.read_ceiling.per_second;
  }

  check_result judge_teardown(const std::optional<int>& status, bool exited, double seconds, const std::string& stored,
                              const resource_result& result) const {
    check_result c{"SIGINT under writes", false, seconds, ""};
    std::vector<std::string> problems;
    if (!exited) problems.push_back("still running 1 s after SIGINT");
    else if (!WIFEXITED(*status)) problems.push_back("killed by signal " + std::to_string(WTERMSIG(*status)));
    try {
      for (auto& p : store_problems(parse_customer_table(stored), result.models)) problems.push_back(std::move(p));
    } catch (const std::exception& e) {
      problems.push_back("customers.json does not parse (" + std::string(e.what()) + ")");
    }
    std::uint64_t acknowledged = 0;
    for (const auto& m : result.models) acknowledged += m.records.size() + m.unplaced.size();
    std::ostringstream d;
    d << (exited && WIFEXITED(*status) ? "exit " + std::to_string(WEXITSTATUS(*status)) : std::string("no exit"))
      << " after " << seconds << " s (limit 1 s); " << acknowledged << " records' acknowledged states found in "
      << stored.size() << " bytes of customers.json";
    for (std::size_t i = 0; i < problems.size() && i < 5; ++i) d << "; " << problems[i];
    if (problems.size() > 5) d << "; and " << problems.size() - 5 << " more";
    c.passed = problems.empty();
    c.detail = d.str();
    return c;
  }

  ceiling_result measure_read_ceiling(resource_run& run, const fs::path& folder, const std::string& body) const {
    ceiling_result c{"static responder, fixed " + std::to_string(body.size()) + " B body", 0.0, false, ""};
    const auto body_file = folder / "read-body.json";
    std::ofstream(body_file, std::ios::binary) << body;
    server_command responder{o_.responder_executable, "", {"--body-file=" + body_file.string()}};
    auto launched = server_process::launch(responder);
    if (!launched.server) return c.note = "launch failed: " + launched.failure, c;
    auto options = load(run.connections, 100, launched.server->port());
    options.fixed_body = body;
    const auto result = run_resource_load(options);
    launched.server->kill_all();
    c.per_second = result.reads_per_second();
    run.read_ceiling_generator_share = result.generator_cpu_share;
    c.available = result.errors == 0 && result.reads > 0;
    if (result.errors) c.note = result.first_errors.empty() ? "errors" : result.first_errors[0];
    return c;
  }

  const resource_options& o_;
  resource_report& report_;
  double last_rps_ = -1.0;
  std::uint64_t errors_ = 0;
};

}  // namespace

resource_report run_resource(const resource_options& o, const progress_fn& progress) {
  resource_report report;
  report.started = now_text();
  report.machine = describe_machine();
  report.build = describe_build();
  report.seed = o.seed;
  report.repetitions = o.repetitions;
  report.load_average_before = load_average();
  resource_suite(o, report).run(progress);
  report.load_average_after = load_average();
  report.rows = summarize_resource_runs(report.runs);
  return report;
}

}  // namespace lc::harness
