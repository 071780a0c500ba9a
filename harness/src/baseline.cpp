#include "lc_harness/baseline.hpp"

#include "lc_harness/mann_whitney.hpp"
#include "lc_harness/report_writers.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace lc::harness {

namespace json = boost::json;

namespace {

using cell_key = std::tuple<int, std::string, int, int, bool, std::string>;
using samples = std::map<std::string, std::vector<double>>;  // metric -> one value per repetition

constexpr double significance = 0.05;

void add_run(samples& s, double rps, double p50, double p99, double ceiling, double ratio) {
  s["rps"].push_back(rps);
  s["p50"].push_back(p50);
  s["p99"].push_back(p99);
  if (ceiling > 0) s["ratio"].push_back(ratio);
}

std::map<cell_key, samples> baseline_runs(const json::object& root) {
  std::map<cell_key, samples> out;
  for (const auto& v : root.at("loads").as_array()) {
    const auto& l = v.as_object();
    cell_key key{l.at("scenario").to_number<int>(), std::string(l.at("kind").as_string()),
                 l.at("connections").to_number<int>(), l.at("size").to_number<int>(), l.at("random_sizes").as_bool(),
                 l.contains("mode") ? std::string(l.at("mode").as_string()) : std::string("closed")};
    add_run(out[key], l.at("requests_per_second").to_number<double>(), l.at("p50_us").to_number<double>(),
            l.at("p99_us").to_number<double>(), l.at("ceiling_per_second").to_number<double>(),
            l.at("ratio").to_number<double>());
  }
  return out;
}

std::string text_of(const json::value* v) {
  if (!v) return "(none)";
  return v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
}

void note_difference(baseline_info& b, const std::string& what, const json::value* then, const json::value& now) {
  if (then && *then == now) return;
  b.differences.push_back(what + ": baseline " + text_of(then) + ", this run " + text_of(&now));
}

void find_differences(const suite_report& r, const json::object& root, baseline_info& b) {
  const json::object empty;
  const auto* machine = root.if_contains("machine");
  const auto* harness = root.if_contains("harness");
  const auto* options = root.if_contains("options");
  const auto& m = machine && machine->is_object() ? machine->as_object() : empty;
  const auto& h = harness && harness->is_object() ? harness->as_object() : empty;
  const auto& o = options && options->is_object() ? options->as_object() : empty;
  note_difference(b, "machine", m.if_contains("hostname"), json::value(r.machine.hostname));
  note_difference(b, "CPU", m.if_contains("cpu_model"), json::value(r.machine.cpu_model));
  note_difference(b, "cores", m.if_contains("cores"), json::value(r.machine.cores));
  note_difference(b, "build type", h.if_contains("build_type"), json::value(r.build.build_type));
  note_difference(b, "label", root.if_contains("label"), json::value(r.label));
  for (const char* key : {"pipeline", "keep_alive", "warmup_ms", "duration_ms", "requests", "timeout_ms",
                          "client_threads", "full_check_every", "rate", "rate_percents", "server_cmd"})
    if (const auto* now = r.options.if_contains(key)) note_difference(b, std::string("option ") + key, o.if_contains(key), *now);
}

std::optional<double> bound_of(const fail_bounds& f, const std::string& metric) {
  if (metric == "rps") return f.rps;
  if (metric == "p50") return f.p50;
  if (metric == "p99") return f.p99;
  return f.ratio;
}

double median_of(std::vector<double> v) { return summarize(std::move(v)).median; }

}  // namespace

fail_bounds parse_fail_on(const std::string& text) {
  fail_bounds f;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto colon = item.find(':');
    if (colon == std::string::npos || item.size() < colon + 3 || item.back() != '%' ||
        (item[colon + 1] != '+' && item[colon + 1] != '-'))
      throw std::invalid_argument("--fail-on item '" + item + "': expected metric:+N% or metric:-N%, e.g. rps:-10%");
    const auto metric = item.substr(0, colon);
    double v = 0.0;
    try {
      v = std::stod(item.substr(colon + 1, item.size() - colon - 2)) / 100.0;
    } catch (const std::exception&) {
      throw std::invalid_argument("--fail-on item '" + item + "': not a percentage");
    }
    const bool up = item[colon + 1] == '+';
    const bool latency = metric == "p50" || metric == "p99";
    if (metric != "rps" && metric != "ratio" && !latency)
      throw std::invalid_argument("--fail-on item '" + item + "': metric must be rps, p50, p99 or ratio");
    if (up != latency)
      throw std::invalid_argument("--fail-on item '" + item + "': " + metric + " regresses " +
                                  (latency ? "up (+N%)" : "down (-N%)"));
    (metric == "rps" ? f.rps : metric == "p50" ? f.p50 : metric == "p99" ? f.p99 : f.ratio) = v;
  }
  return f;
}

void compare_with_baseline(suite_report& report, const std::string& path, const fail_bounds& bounds) {
  const auto text = read_text_file(path);
  if (!text) throw std::runtime_error("cannot read baseline " + path);
  json::object root;
  try {
    root = json::parse(*text).as_object();
    if (!root.contains("loads")) throw std::runtime_error("no \"loads\"");
  } catch (const std::exception& e) {
    throw std::runtime_error("baseline " + path + " is not an lc-harness JSON report: " + e.what());
  }
  auto& b = report.baseline;
  b.path = path;
  if (const auto* h = root.if_contains("harness"); h && h->is_object())
    b.commit = text_of(h->as_object().if_contains("commit"));
  b.started = text_of(root.if_contains("started"));
  const auto* version = root.if_contains("schema_version");
  if (!version || *version != json::value(report_schema_version))
    b.differences.push_back("schema_version: baseline " + text_of(version) + ", this run " +
                            std::to_string(report_schema_version));
  find_differences(report, root, b);
  const auto then = baseline_runs(root);
  std::map<cell_key, samples> now;
  for (const auto& l : report.loads)
    add_run(now[{l.scenario, l.kind, l.connections, l.size, l.random_sizes, l.mode}], l.requests_per_second, l.p50_us,
            l.p99_us, l.ceiling_per_second, l.ratio);
  for (auto& row : report.rows) {
    const cell_key key{row.scenario, row.kind, row.connections, row.size, row.random_sizes, row.mode};
    const auto it = then.find(key);
    if (it == then.end()) continue;
    row.baseline_matched = true;
    const auto& a = it->second;
    const auto& c = now[key];
    if (const double p = smallest_p_value(a.at("rps").size(), c.at("rps").size()); p >= significance && !b.underpowered) {
      b.underpowered = true;
      report.notes.push_back("baseline: with " + std::to_string(a.at("rps").size()) + " against " +
                             std::to_string(c.at("rps").size()) + " repetitions the smallest possible p-value is " +
                             std::to_string(p) + ", so no change can be significant; use --repetitions 4 or more on both runs");
    }
    for (const char* metric : {"rps", "p50", "p99", "ratio"}) {
      if (!a.count(metric) || !c.count(metric)) continue;
      baseline_change ch;
      ch.metric = metric;
      ch.baseline_median = median_of(a.at(metric));
      ch.median = median_of(c.at(metric));
      ch.change = ch.baseline_median != 0 ? ch.median / ch.baseline_median - 1 : 0.0;
      ch.p_value = mann_whitney(a.at(metric), c.at(metric)).p_value;
      ch.significant = ch.p_value < significance;
      const bool latency = ch.metric == "p50" || ch.metric == "p99";
      if (const auto bound = bound_of(bounds, metric))
        ch.regression = ch.significant && (latency ? ch.change > *bound : ch.change < *bound);
      if (ch.regression) ++b.regressions;
      row.changes.push_back(ch);
    }
  }
}

}  // namespace lc::harness
