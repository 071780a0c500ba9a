#include "lc_harness/csv_table.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/summary_text.hpp"

#include <boost/json/serialize.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace lc::harness {

namespace {

template <class T>
std::string str(const T& v) {
  return csv_value(v);
}

const std::vector<std::string> columns = {
    "record", "suite", "label", "cpu_model", "cores", "kernel", "scenario", "kind", "name", "connections", "size",
    "random_sizes", "mode", "late", "dropped", "repetition", "repetitions", "good", "errors", "per_second", "per_second_ci_low",
    "per_second_ci_high", "p50_us", "p50_ci_low", "p50_ci_high", "p99_us", "p99_ci_low", "p99_ci_high", "p999_us",
    "max_us", "server_cpu_us_per_request", "server_switches_per_request", "server_rss_bytes", "client_cpu_us_per_request", "generator_cpu_share",
    "generator_bound", "ceiling", "ceiling_per_second", "ratio", "ratio_ci_low", "ratio_ci_high", "verdict", "seconds",
    "detail"};

}  // namespace

std::string run_file_stem(const load_row& l) {
  std::string mode;
  for (char c : l.mode == "closed" ? std::string() : "-" + l.mode)
    mode += c == '%' ? std::string("pct") : c == '/' ? std::string("p") : c == ' ' ? std::string() : std::string(1, c);
  return "S" + std::to_string(l.scenario) + "-c" + std::to_string(l.connections) + "-s" + (l.random_sizes ? "r" : "") +
         std::to_string(l.size) + mode + "-rep" + std::to_string(l.repetition);
}

// "row" records summarise a cell over its repetitions (median and CI); "load" records are the runs.
std::string to_csv(const suite_report& r) {
  csv_table t(columns, {{"suite", csv_field(r.suite)}, {"label", csv_field(r.label)},
                       {"cpu_model", csv_field(r.machine.cpu_model)}, {"cores", str(r.machine.cores)},
                       {"kernel", csv_field(r.machine.kernel)}});
  for (const auto& s : r.rows) {
    std::string verdict = s.passed && s.thresholds_passed() ? "PASS" : "FAIL";
    t.add({{"record", "row"}, {"scenario", str(s.scenario)}, {"kind", s.kind}, {"connections", str(s.connections)},
           {"size", str(s.size)}, {"random_sizes", str(s.random_sizes)}, {"mode", s.mode}, {"late", str(s.late)},
           {"dropped", str(s.dropped)}, {"repetitions", str(s.rps.n)},
           {"good", str(s.good)}, {"errors", str(s.errors)}, {"per_second", str(s.rps.median)},
           {"per_second_ci_low", str(s.rps.ci_low)}, {"per_second_ci_high", str(s.rps.ci_high)},
           {"p50_us", str(s.p50_us.median)}, {"p50_ci_low", str(s.p50_us.ci_low)}, {"p50_ci_high", str(s.p50_us.ci_high)},
           {"p99_us", str(s.p99_us.median)}, {"p99_ci_low", str(s.p99_us.ci_low)}, {"p99_ci_high", str(s.p99_us.ci_high)},
           {"server_cpu_us_per_request", str(s.server_cpu_us.median)},
           {"server_switches_per_request", str(s.server_switches.median)},
           {"generator_cpu_share", str(s.generator_cpu_share)}, {"generator_bound", str(s.generator_bound)},
           {"ceiling", csv_field(s.ceiling_name)}, {"ratio", s.ratio.n ? str(s.ratio.median) : ""},
           {"ratio_ci_low", s.ratio.n ? str(s.ratio.ci_low) : ""}, {"ratio_ci_high", s.ratio.n ? str(s.ratio.ci_high) : ""},
           {"verdict", verdict}, {"detail", csv_field(s.detail)}});
    for (const auto& c : s.changes)
      t.add({{"record", "baseline"}, {"scenario", str(s.scenario)}, {"kind", s.kind}, {"name", c.metric},
             {"connections", str(s.connections)}, {"size", str(s.size)}, {"random_sizes", str(s.random_sizes)},
             {"mode", s.mode}, {"verdict", c.regression ? "REGRESSION" : c.significant ? "CHANGED" : "SAME"},
             {"detail", csv_field(c.metric + " " + str(c.baseline_median) + " -> " + str(c.median) + ": " + change_text(c))}});
    for (const auto& th : s.thresholds)
      t.add({{"record", "threshold"}, {"scenario", str(s.scenario)}, {"kind", s.kind}, {"name", csv_field(th.spec)},
             {"connections", str(s.connections)}, {"size", str(s.size)}, {"random_sizes", str(s.random_sizes)},
             {"verdict", th.passed ? "PASS" : "FAIL"}, {"detail", csv_field("value " + str(th.value))}});
  }
  for (const auto& l : r.loads)
    t.add({{"record", "load"}, {"scenario", str(l.scenario)}, {"kind", l.kind}, {"connections", str(l.connections)},
           {"size", str(l.size)}, {"random_sizes", str(l.random_sizes)}, {"mode", l.mode}, {"late", str(l.late)},
           {"dropped", str(l.dropped)}, {"repetition", str(l.repetition)},
           {"good", str(l.good)}, {"errors", str(l.socket_errors + l.timeouts + l.non_2xx + l.invalid_bodies)},
           {"per_second", str(l.requests_per_second)}, {"p50_us", str(l.p50_us)}, {"p99_us", str(l.p99_us)},
           {"p999_us", str(l.p999_us)}, {"max_us", str(l.max_us)},
           {"server_cpu_us_per_request", str(l.server_cpu_us_per_request)},
           {"server_switches_per_request", str(l.server_switches_per_request)}, {"server_rss_bytes", str(l.server_rss_bytes)},
           {"client_cpu_us_per_request", str(l.client_cpu_us_per_request)}, {"generator_cpu_share", str(l.client_cpu_share)},
           {"generator_bound", str(l.client_cpu_share > generator_bound_cores)}, {"ceiling", csv_field(l.ceiling_name)},
           {"ceiling_per_second", str(l.ceiling_per_second)}, {"ratio", str(l.ratio)},
           {"verdict", l.passed ? "PASS" : "FAIL"}, {"detail", csv_field(l.detail)}});
  for (const auto& c : r.ceilings)
    t.add({{"record", "ceiling"}, {"scenario", c.scenario ? str(c.scenario) : ""}, {"name", csv_field(c.name)},
           {"connections", str(c.connections)}, {"size", str(c.size)}, {"per_second", str(c.per_second)},
           {"p99_us", str(c.p99_us)}, {"verdict", c.available ? "OK" : "N/A"}, {"detail", csv_field(c.note)}});
  for (const auto& kv : r.options)
    t.add({{"record", "option"}, {"name", csv_field(kv.key())}, {"detail", csv_field(boost::json::serialize(kv.value()))}});
  for (const auto& c : r.checks)
    t.add({{"record", "check"}, {"scenario", str(c.scenario)}, {"name", csv_field(c.check)},
           {"verdict", c.passed ? "PASS" : "FAIL"}, {"seconds", str(c.seconds)}, {"detail", csv_field(c.detail)}});
  return t.text();
}

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return std::nullopt;
  return text.str();
}

void write_text_file(const std::string& path, const std::string& text, bool append) {
  FILE* f = std::fopen(path.c_str(), append ? "a" : "w");
  if (!f) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
  const int error = errno;
  if (std::fclose(f) != 0 || !written)
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(written ? errno : error));
}

std::string stamped_path(const std::string& dir, const std::string& name) {
  std::filesystem::create_directories(dir);
  const auto t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", std::localtime(&t));
  return (std::filesystem::path(dir) / (std::string(stamp) + "-" + name)).string();
}

std::string write_report_files(const suite_report& r, const std::string& dir) {
  const auto base = stamped_path(dir, r.suite);
  write_text_file(base + ".json", to_json(r));
  write_text_file(base + ".csv", to_csv(r));
  write_text_file(base + ".html", to_html(r));
  if (!r.loads.empty()) {
    const auto runs = base + "-runs";
    std::filesystem::create_directories(runs);
    for (const auto& l : r.loads) {
      const auto stem = runs + "/" + run_file_stem(l);
      write_text_file(stem + ".hgrm", to_hgrm(l));
      write_text_file(stem + ".timeline.csv", to_timeline_csv(l));
    }
  }
  return base;
}

}  // namespace lc::harness
