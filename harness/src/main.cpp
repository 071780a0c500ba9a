#include "lc_harness/baseline.hpp"
#include "lc_harness/child_reaper.hpp"
#include "lc_harness/load_generator.hpp"
#include "lc_harness/progress_line.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/resource_runner.hpp"
#include "lc_harness/resource_threshold.hpp"
#include "lc_harness/server_process.hpp"
#include "lc_harness/suite_runner.hpp"
#include "lc_harness/threshold.hpp"

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

namespace po = boost::program_options;
using namespace lc::harness;

namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  for (const auto& item : split(text)) out.push_back(std::stoi(item));
  return out;
}

std::chrono::milliseconds parse_duration(const std::string& text) {
  std::size_t used = 0;
  const double v = std::stod(text, &used);
  const auto unit = text.substr(used);
  if (unit == "ms") return std::chrono::milliseconds(static_cast<long>(v));
  if (unit == "s" || unit.empty()) return std::chrono::milliseconds(static_cast<long>(v * 1000));
  if (unit == "m") return std::chrono::milliseconds(static_cast<long>(v * 60000));
  throw std::invalid_argument("bad duration '" + text + "' (use 500ms, 10s or 1m)");
}

// "90/10,50/50": the read share of each mix.
std::vector<int> parse_mixes(const std::string& text) {
  std::vector<int> out;
  for (const auto& item : split(text)) {
    const auto slash = item.find('/');
    const int reads = std::stoi(item.substr(0, slash));
    if (slash == std::string::npos || reads < 0 || reads > 100 || reads + std::stoi(item.substr(slash + 1)) != 100)
      throw std::invalid_argument("--resource-mix takes reads/writes shares adding to 100, e.g. 90/10,50/50");
    out.push_back(reads);
  }
  return out;
}

// The files a run writes besides the stamped ones in --output.
struct extra_files {
  std::string json, csv, html, junit, markdown;
};

int run_resource_mode(resource_options r, const suite_options& o, const std::string& output, const extra_files& files,
                      const std::vector<std::string>& threshold_specs, const progress_fn& progress, bool live) {
  std::vector<threshold> thresholds;
  try {
    for (const auto& spec : threshold_specs) thresholds.push_back(parse_resource_threshold(spec));
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n";
    return 2;
  }
  r.server_executable = (std::filesystem::path(o.bin_dir) / "test_server_resource").string();
  r.responder_executable = (std::filesystem::path(o.bin_dir) / "lc-static-responder").string();
  r.connections = o.connections;
  r.duration = o.duration;
  r.timeout = o.timeout;
  r.repetitions = o.repetitions;
  r.seed = o.seed;
  r.ceilings = o.run_ceilings;
  r.teardown = o.run_teardown;
  auto report = run_resource(r, progress);
  if (live) std::cout << "\r\033[K";
  report.options = {{"connections", boost::json::value_from(r.connections)},
                    {"read_percents", boost::json::value_from(r.read_percents)},
                    {"duration_ms", r.duration.count()},
                    {"timeout_ms", r.timeout.count()},
                    {"repetitions", r.repetitions},
                    {"seed", r.seed},
                    {"ceilings", r.ceilings},
                    {"teardown", r.teardown},
                    {"server", r.server_cmd.empty() ? r.server_executable : r.server_cmd},
                    {"thresholds", boost::json::value_from(threshold_specs)}};
  for (const auto& t : thresholds)
    if (apply_resource_threshold(t, report.rows) == 0 && !report.rows.empty())
      report.notes.push_back("threshold " + t.spec + " selects no row");
  write_resource_console(report, std::cout);
  try {
    const auto base = stamped_path(output, "resource");
    const auto json = resource_to_json(report);
    write_text_file(base + ".json", json);
    write_text_file(base + ".csv", resource_to_csv(report));
    write_text_file(base + ".html", resource_to_html(report));
    if (!files.json.empty()) write_text_file(files.json, json);
    const std::pair<const std::string*, std::string (*)(const resource_report&)> extra[] = {
        {&files.csv, resource_to_csv}, {&files.html, resource_to_html}, {&files.junit, resource_to_junit},
        {&files.markdown, resource_to_markdown}};
    for (const auto& [path, render] : extra)
      if (!path->empty()) write_text_file(*path, render(report));
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
      write_text_file(summary, resource_to_markdown(report), true);
    std::cout << "results: " << base << ".json, .csv, .html\n";
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n";
    return 1;
  }
  return report.passed() ? 0 : 1;
}

// SIGINT/SIGTERM on the harness: kill every server tree, then leave.
void watch_signals(sigset_t set) {
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    std::cerr << "\nlc-harness: interrupted, stopping every server\n";
    kill_every_server();
    reap_children();
    _exit(130);
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  become_subreaper();
  watch_signals(set);

  po::options_description desc(
      "lc-harness: runs scenario servers as black boxes and checks throughput, latency, replies and teardown.\n"
      "Usage: lc-harness --suite ci | --suite full | --scenarios 1,4,8 [options]\nOptions");
  std::string suite, scenarios, connections, sizes, duration, warmup, timeout, output, server_cmd;
  std::string resource_mix = "90/10,50/50";
  std::string rate, rate_sweep, baseline, fail_on, junit, markdown, json_file, csv_file, html_file;
  std::vector<std::string> threshold_specs;
  suite_options o;
  desc.add_options()
      ("help,h", "show this help")
      ("suite", po::value(&suite), "ci (every scenario in the manifest, short, correctness only) or full "
                                   "(connections 1,8,64, sizes 8,100, 5 repetitions of 3 s, with ceilings)")
      ("scenarios", po::value(&scenarios), "comma list of scenario numbers (default: every one in the manifest)")
      ("connections", po::value(&connections), "comma list of connection counts (default 8)")
      ("sizes", po::value(&sizes), "comma list of table sizes x=y (default 8)")
      ("random-sizes", "draw x and y per request from [1, size]")
      ("pipeline", po::value(&o.pipeline), "requests written back to back per connection (default 1)")
      ("connection-per-request", "open a new connection for every request instead of keep-alive")
      ("duration", po::value(&duration), "measured time per run: 500ms, 10s, 1m (default 3s)")
      ("warmup", po::value(&warmup), "warm-up before each run (default 500ms)")
      ("requests", po::value(&o.requests), "stop each run after this many measured requests (0: by duration)")
      ("timeout", po::value(&timeout), "per-request timeout (default 5s)")
      ("client-threads", po::value(&o.client_threads), "load generator threads (default 1)")
      ("full-check-every", po::value(&o.full_check_every), "convert and range-check every value of the first reply "
                                                           "of each connection and of every Nth after it (default 16; "
                                                           "1: every reply); the others get the structure, dimension "
                                                           "and number-syntax check")
      ("no-load", "skip the load runs")
      ("no-teardown", "skip the teardown checks")
      ("no-fault", "skip the worker-kill step of scenarios 7 and 8")
      ("no-ceilings", "skip the ceiling measurements")
      ("bin-dir", po::value(&o.bin_dir)->default_value(LC_HARNESS_BIN_DIR), "where the scenario executables are")
      ("manifest", po::value(&o.manifest)->default_value(LC_HARNESS_MANIFEST), "scenario manifest (number|executable|kind)")
      ("rate", po::value(&rate), "open loop: R total req/s at fixed intervals over the connections, latency "
                                 "from each request's intended send time (late and dropped requests counted); "
                                 "N% also runs each cell open loop at N % of its closed-loop rate just measured")
      ("rate-sweep", po::value(&rate_sweep), "after each cell's closed-loop run, open-loop runs at each of these "
                                             "shares of its rate, e.g. 10%,30%,50%,70%,90%")
      ("repetitions", po::value(&o.repetitions), "runs of every load cell, interleaved and shuffled "
                                                 "(default 1; full suite 5)")
      ("seed", po::value(&o.seed), "seed of the shuffled run order (default: random, recorded in the results)")
      ("threshold", po::value(&threshold_specs)->composing(),
       "pass/fail bound on rows, repeatable: S3:ratio>=0.5, S*:p99<5ms, S*:errors==0 (metrics rps p50 p99 ratio "
       "errors); with --resource rest90:write_ratio>=0.5, rest*:errors==0 (metrics rps read_rps write_rps p50 p99 "
       "errors write_ratio read_ratio)")
      ("baseline", po::value(&baseline), "JSON results of an earlier run to compare with (Mann-Whitney U per row)")
      ("fail-on", po::value(&fail_on), "with --baseline: exit 3 on a significant change beyond these, "
                                       "e.g. 'rps:-10%,p99:+25%,ratio:-10%'")
      ("junit", po::value(&junit), "also write JUnit XML here (one testcase per check and per load row)")
      ("markdown", po::value(&markdown), "also write a Markdown summary here (it is appended to "
                                         "$GITHUB_STEP_SUMMARY whenever that is set, with or without this option)")
      ("json", po::value(&json_file), "also write the JSON results to this file")
      ("csv", po::value(&csv_file), "also write the CSV results to this file")
      ("html", po::value(&html_file), "also write the HTML report to this file")
      ("quiet,q", "no progress lines")
      ("output", po::value(&output)->default_value(LC_HARNESS_RESULTS_DIR),
       "folder for <stamp>-<suite>.json/.csv/.html and <stamp>-<suite>-runs/ (relative to the working directory)")
      ("server-cmd", po::value(&server_cmd), "run this shell command instead of the built server; {host} {port} "
                                             "{address} become quoted single words, {scenario} the number, e.g. "
                                             "'python3 test_server_{scenario}.py --server-address={address}'")
      ("label", po::value(&o.label), "name of the implementation in the report")
      ("resource", "load test_server_resource instead of the scenarios: keep-alive connections with a per-connection "
                   "model that validates every reply, write and read ceilings after each run, SIGINT under writes "
                   "(takes --connections, --duration, --timeout, --repetitions, --seed, --no-ceilings, "
                   "--no-teardown, --server-cmd, --threshold rest90:write_ratio>=0.5, --json, --csv, --junit, "
                   "--markdown, --html, --output)")
      ("resource-mix", po::value(&resource_mix)->default_value(resource_mix),
       "with --resource: reads/writes shares of the runs, comma list");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n" << desc << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  std::vector<threshold> thresholds;
  fail_bounds bounds;
  try {
    if (!suite.empty() && suite != "ci" && suite != "full") throw std::invalid_argument("--suite must be ci or full");
    if (vm.count("resource") && (!baseline.empty() || !fail_on.empty()))
      throw std::invalid_argument("--baseline and --fail-on do not apply to --resource");
    if (!vm.count("resource"))
      for (const auto& spec : threshold_specs) thresholds.push_back(parse_threshold(spec));
    if (!fail_on.empty()) bounds = parse_fail_on(fail_on);
    if (!fail_on.empty() && baseline.empty()) throw std::invalid_argument("--fail-on needs --baseline");
    if (!baseline.empty()) {
      const auto text = read_text_file(baseline);
      if (!text || !boost::json::parse(*text).is_object())
        throw std::invalid_argument("--baseline " + baseline + " is not a readable JSON report");
    }
    const auto chosen = o;
    o = preset(suite.empty() ? "custom" : suite);
    o.bin_dir = chosen.bin_dir;
    o.manifest = chosen.manifest;
    o.label = chosen.label;
    if (vm.count("pipeline")) o.pipeline = chosen.pipeline;
    if (vm.count("requests")) o.requests = chosen.requests;
    if (vm.count("client-threads")) o.client_threads = chosen.client_threads;
    if (vm.count("full-check-every")) o.full_check_every = chosen.full_check_every;
    if (o.full_check_every < 1) throw std::invalid_argument("--full-check-every must be at least 1");
    if (!rate.empty()) {
      std::size_t used = 0;
      const double v = std::stod(rate, &used);
      const auto unit = rate.substr(used);
      if (v <= 0 || (unit != "" && unit != "%")) throw std::invalid_argument("--rate takes R (req/s) or N% (of closed loop)");
      if (unit == "%") o.rate_percents = {v};
      else o.rate = v;
    }
    for (const auto& item : split(rate_sweep)) {
      std::size_t used = 0;
      const double v = std::stod(item, &used);
      if (v <= 0 || item.substr(used) != "%") throw std::invalid_argument("--rate-sweep takes shares like 10%,50%,90%");
      o.rate_percents.push_back(v);
    }
    if (!rate.empty() && !rate_sweep.empty()) throw std::invalid_argument("--rate and --rate-sweep exclude each other");
    if ((o.rate > 0 || !o.rate_percents.empty()) && o.pipeline > 1)
      throw std::invalid_argument("open loop sends one request at a time per connection: no --pipeline");
    if (vm.count("repetitions")) o.repetitions = chosen.repetitions;
    if (o.repetitions < 1) throw std::invalid_argument("--repetitions must be at least 1");
    o.seed = vm.count("seed") ? chosen.seed : std::random_device{}();
    if (!scenarios.empty()) o.scenarios = parse_list(scenarios);
    if (!connections.empty()) o.connections = parse_list(connections);
    if (!sizes.empty()) o.sizes = parse_list(sizes);
    if (!duration.empty()) o.duration = parse_duration(duration);
    if (!warmup.empty()) o.warmup = parse_duration(warmup);
    if (!timeout.empty()) o.timeout = parse_duration(timeout);
    o.random_sizes = vm.count("random-sizes") > 0;
    o.keep_alive = vm.count("connection-per-request") == 0;
    if (vm.count("no-load")) o.run_load = false;
    if (vm.count("no-teardown")) o.run_teardown = false;
    if (vm.count("no-fault")) o.run_fault = false;
    if (vm.count("no-ceilings")) o.run_ceilings = false;
    o.server_cmd = server_cmd;
    if (!server_cmd.empty() && o.scenarios.empty() && !vm.count("resource"))
      throw std::invalid_argument("--server-cmd needs --scenarios to say which scenario it implements");
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n";
    return 2;
  }
  raise_file_limit();

  const bool tty = isatty(STDOUT_FILENO);
  const bool quiet = vm.count("quiet") > 0;
  o.live_progress = tty && !quiet;
  const auto began = std::chrono::steady_clock::now();
  auto progress = [tty, quiet, began](const progress_event& e) {
    if (quiet) return;
    const auto line = format_progress(e, std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    if (tty) std::cout << "\r\033[K" << line << std::flush;
    else std::cout << line << std::endl;
  };
  if (vm.count("resource")) {
    resource_options r;
    r.server_cmd = server_cmd;
    try {
      r.read_percents = parse_mixes(resource_mix);
    } catch (const std::exception& e) {
      std::cerr << "lc-harness: " << e.what() << "\n";
      return 2;
    }
    return run_resource_mode(r, o, output, {json_file, csv_file, html_file, junit, markdown}, threshold_specs, progress,
                             tty && !quiet);
  }
  auto report = run_suite(o, progress);
  if (tty && !quiet) std::cout << "\r\033[K";
  auto list = [](const std::vector<int>& v) {
    boost::json::array a;
    for (int x : v) a.push_back(x);
    return a;
  };
  report.options = {{"suite", o.suite},
                    {"scenarios", list(o.scenarios)},
                    {"connections", list(o.connections)},
                    {"sizes", list(o.sizes)},
                    {"random_sizes", o.random_sizes},
                    {"pipeline", o.pipeline},
                    {"keep_alive", o.keep_alive},
                    {"warmup_ms", o.warmup.count()},
                    {"duration_ms", o.duration.count()},
                    {"requests", o.requests},
                    {"timeout_ms", o.timeout.count()},
                    {"client_threads", o.client_threads},
                    {"full_check_every", o.full_check_every},
                    {"rate", o.rate},
                    {"rate_percents", boost::json::value_from(o.rate_percents)},
                    {"repetitions", o.repetitions},
                    {"seed", o.seed},
                    {"ceilings", o.run_ceilings},
                    {"teardown", o.run_teardown},
                    {"fault", o.run_fault},
                    {"bin_dir", o.bin_dir},
                    {"manifest", o.manifest},
                    {"server_cmd", o.server_cmd},
                    {"thresholds", boost::json::value_from(threshold_specs)},
                    {"baseline", baseline},
                    {"fail_on", fail_on}};
  for (const auto& t : thresholds)
    if (apply_threshold(t, report.rows) == 0 && !report.rows.empty())
      report.notes.push_back("threshold " + t.spec + " selects no load row");
  if (!baseline.empty()) {
    try {
      compare_with_baseline(report, baseline, bounds);
    } catch (const std::exception& e) {
      std::cerr << "lc-harness: " << e.what() << "\n";
      return 2;
    }
  }
  write_console(report, std::cout);
  try {
    const auto base = write_report_files(report, output);
    std::cout << "results: " << base << ".json, .csv, .html, -runs/\n";
    const std::pair<const std::string*, std::string (*)(const suite_report&)> extra[] = {
        {&json_file, to_json}, {&csv_file, to_csv}, {&html_file, to_html}, {&junit, to_junit}, {&markdown, to_markdown}};
    for (const auto& [path, render] : extra)
      if (!path->empty()) write_text_file(*path, render(report));
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
      write_text_file(summary, to_markdown(report), true);
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n";
    return 1;
  }
  if (!report.passed()) return 1;
  return report.baseline.regressions > 0 ? 3 : 0;
}
