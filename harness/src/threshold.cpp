#include "lc_harness/threshold.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lc::harness {

namespace {

const std::vector<std::string> metrics = {"rps", "p50", "p99", "ratio", "errors"};
const std::vector<std::string> resource_metrics = {"rps", "read_rps", "write_rps", "p50",
                                                   "p99", "errors", "write_ratio", "read_ratio"};
const std::vector<std::string> operators = {"<=", ">=", "==", "!=", "<", ">"};

double parse_value(const std::string& metric, const std::string& text, const std::string& spec) {
  std::size_t used = 0;
  double v = 0.0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument("threshold '" + spec + "': '" + text + "' is not a number");
  }
  const auto unit = text.substr(used);
  if (metric == "p50" || metric == "p99") {
    if (unit == "us") return v;
    if (unit == "ms") return v * 1e3;
    if (unit == "s") return v * 1e6;
    throw std::invalid_argument("threshold '" + spec + "': a latency needs a unit (us, ms or s)");
  }
  if (!unit.empty()) throw std::invalid_argument("threshold '" + spec + "': " + metric + " takes no unit");
  return v;
}

double metric_of(const load_summary& r, const std::string& metric) {
  if (metric == "rps") return r.rps.median;
  if (metric == "p50") return r.p50_us.median;
  if (metric == "p99") return r.p99_us.median;
  if (metric == "ratio") return r.ratio.n ? r.ratio.median : NAN;
  return static_cast<double>(r.errors);
}

// The number between `prefix` and the colon, -1 for *.
int parse_row(const std::string& spec, const std::string& prefix, int lowest, const std::string& usage,
              const std::string& what) {
  const auto colon = spec.find(':');
  if (colon == std::string::npos || spec.size() <= prefix.size() || spec.compare(0, prefix.size(), prefix) != 0)
    throw std::invalid_argument("threshold '" + spec + "': expected " + usage);
  const auto who = spec.substr(prefix.size(), colon - prefix.size());
  if (who == "*") return -1;
  std::size_t used = 0;
  int n = -1;
  try {
    n = std::stoi(who, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != who.size() || n < lowest)
    throw std::invalid_argument("threshold '" + spec + "': '" + who + "' is neither " + what + " nor *");
  return n;
}

}  // namespace

void parse_bound(threshold& t, const std::string& rest, const std::vector<std::string>& known) {
  const auto& spec = t.spec;
  std::size_t at = std::string::npos;
  for (const auto& op : operators)
    if (auto p = rest.find(op); p != std::string::npos && (at == std::string::npos || p < at)) {
      at = p;
      t.op = op;
    }
  if (at == std::string::npos) throw std::invalid_argument("threshold '" + spec + "': no comparison (< <= > >= == !=)");
  t.metric = rest.substr(0, at);
  if (std::find(known.begin(), known.end(), t.metric) == known.end()) {
    std::string names;
    for (const auto& m : known) names += (names.empty() ? "" : ", ") + m;
    throw std::invalid_argument("threshold '" + spec + "': metric '" + t.metric + "' is not one of " + names);
  }
  t.value = parse_value(t.metric, rest.substr(at + t.op.size()), spec);
}

bool threshold_holds(const threshold& t, double value) {
  if (std::isnan(value)) return false;
  if (t.op == "<") return value < t.value;
  if (t.op == "<=") return value <= t.value;
  if (t.op == ">") return value > t.value;
  if (t.op == ">=") return value >= t.value;
  if (t.op == "==") return value == t.value;
  return value != t.value;
}

threshold parse_threshold(const std::string& spec) {
  threshold t;
  t.spec = spec;
  t.scenario = std::max(0, parse_row(spec, "S", 1, "S<number>|S*:<metric><op><value>, e.g. S*:p99<5ms",
                                     "a scenario number"));
  parse_bound(t, spec.substr(spec.find(':') + 1), metrics);
  return t;
}

threshold parse_resource_threshold(const std::string& spec) {
  threshold t;
  t.spec = spec;
  t.mix = parse_row(spec, "rest", 0, "rest<read share>|rest*:<metric><op><value>, e.g. rest90:write_ratio>=0.5",
                    "a mix's read share");
  if (t.mix > 100) throw std::invalid_argument("threshold '" + spec + "': a read share is at most 100");
  parse_bound(t, spec.substr(spec.find(':') + 1), resource_metrics);
  return t;
}

int apply_threshold(const threshold& t, std::vector<load_summary>& rows) {
  int selected = 0;
  for (auto& r : rows) {
    if (t.scenario && r.scenario != t.scenario) continue;
    ++selected;
    const double v = metric_of(r, t.metric);
    r.thresholds.push_back({t.spec, v, threshold_holds(t, v)});
  }
  return selected;
}

}  // namespace lc::harness
