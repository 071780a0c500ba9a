#include "lc_harness/child_reaper.hpp"
#include "lc_harness/load_generator.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/server_process.hpp"
#include "lc_harness/suite_runner.hpp"

#include <boost/program_options.hpp>

#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <sstream>
#include <thread>

namespace po = boost::program_options;
using namespace lc::harness;

namespace {

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(std::stoi(item));
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
  suite_options o;
  desc.add_options()
      ("help,h", "show this help")
      ("suite", po::value(&suite), "ci (every scenario in the manifest, short, correctness only) or full "
                                   "(connections 1,8,64, sizes 8,100, longer, with ceilings)")
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
      ("no-load", "skip the load runs")
      ("no-teardown", "skip the teardown checks")
      ("no-fault", "skip the worker-kill step of scenarios 7 and 8")
      ("no-ceilings", "skip the ceiling measurements")
      ("bin-dir", po::value(&o.bin_dir)->default_value(LC_HARNESS_BIN_DIR), "where the scenario executables are")
      ("manifest", po::value(&o.manifest)->default_value(LC_HARNESS_MANIFEST), "scenario manifest (number|executable|kind)")
      ("output", po::value(&output)->default_value(LC_HARNESS_RESULTS_DIR), "folder for <date>-<suite>.json/.csv/.html")
      ("server-cmd", po::value(&server_cmd), "run this shell command instead of the built server; {host} {port} "
                                             "{address} become quoted single words, {scenario} the number, e.g. "
                                             "'python3 test_server_{scenario}.py --server-address={address}'")
      ("label", po::value(&o.label), "name of the implementation in the report");
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
  try {
    if (!suite.empty() && suite != "ci" && suite != "full") throw std::invalid_argument("--suite must be ci or full");
    const auto chosen = o;
    o = preset(suite.empty() ? "custom" : suite);
    o.bin_dir = chosen.bin_dir;
    o.manifest = chosen.manifest;
    o.label = chosen.label;
    if (vm.count("pipeline")) o.pipeline = chosen.pipeline;
    if (vm.count("requests")) o.requests = chosen.requests;
    if (vm.count("client-threads")) o.client_threads = chosen.client_threads;
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
    if (!server_cmd.empty() && o.scenarios.empty())
      throw std::invalid_argument("--server-cmd needs --scenarios to say which scenario it implements");
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: " << e.what() << "\n";
    return 2;
  }
  raise_file_limit();

  const bool tty = isatty(STDOUT_FILENO);
  auto progress = [tty](const std::string& line) {
    if (tty) std::cout << "\r\033[K" << line << std::flush;
    else std::cout << "... " << line << std::endl;
  };
  auto report = run_suite(o, progress);
  if (tty) std::cout << "\r\033[K";
  auto join = [](const std::vector<int>& v) {
    std::string s;
    for (int x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
    return s;
  };
  report.options = {{"suite", o.suite},
                    {"scenarios", join(o.scenarios)},
                    {"connections", join(o.connections)},
                    {"sizes", join(o.sizes)},
                    {"random_sizes", o.random_sizes ? "yes" : "no"},
                    {"pipeline", std::to_string(o.pipeline)},
                    {"keep_alive", o.keep_alive ? "yes" : "no"},
                    {"warmup_ms", std::to_string(o.warmup.count())},
                    {"duration_ms", std::to_string(o.duration.count())},
                    {"requests", std::to_string(o.requests)},
                    {"timeout_ms", std::to_string(o.timeout.count())},
                    {"client_threads", std::to_string(o.client_threads)},
                    {"bin_dir", o.bin_dir},
                    {"manifest", o.manifest},
                    {"server_cmd", o.server_cmd}};
  write_console(report, std::cout);
  try {
    const auto base = write_report_files(report, output);
    std::cout << "results: " << base << ".json, .csv, .html\n";
  } catch (const std::exception& e) {
    std::cerr << "lc-harness: cannot write results to " << output << ": " << e.what() << "\n";
    return 1;
  }
  return report.passed() ? 0 : 1;
}
