#include "lc_harness/threshold.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lc::harness {

namespace {

const std::vector<std::string> metrics = {"rps", "p50", "p99", "ratio", "errors"};
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

bool holds(double value, const std::string& op, double bound) {
  if (std::isnan(value)) return false;
  if (op == "<") return value < bound;
  if (op == "<=") return value <= bound;
  if (op == ">") return value > bound;
  if (op == ">=") return value >= bound;
  if (op == "==") return value == bound;
  return value != bound;
}

double metric_of(const load_summary& r, const std::string& metric) {
  if (metric == "rps") return r.rps.median;
  if (metric == "p50") return r.p50_us.median;
  if (metric == "p99") return r.p99_us.median;
  if (metric == "ratio") return r.ratio.n ? r.ratio.median : NAN;
  return static_cast<double>(r.errors);
}

}  // namespace

threshold parse_threshold(const std::string& spec) {
  threshold t;
  t.spec = spec;
  const auto colon = spec.find(':');
  if (colon == std::string::npos || spec.size() < 2 || spec[0] != 'S')
    throw std::invalid_argument("threshold '" + spec + "': expected S<number>|S*:<metric><op><value>, e.g. S*:p99<5ms");
  const auto who = spec.substr(1, colon - 1);
  if (who != "*") {
    std::size_t used = 0;
    try {
      t.scenario = std::stoi(who, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != who.size() || t.scenario <= 0)
      throw std::invalid_argument("threshold '" + spec + "': '" + who + "' is neither a scenario number nor *");
  }
  const auto rest = spec.substr(colon + 1);
  std::size_t at = std::string::npos;
  for (const auto& op : operators)
    if (auto p = rest.find(op); p != std::string::npos && (at == std::string::npos || p < at)) {
      at = p;
      t.op = op;
    }
  if (at == std::string::npos) throw std::invalid_argument("threshold '" + spec + "': no comparison (< <= > >= == !=)");
  t.metric = rest.substr(0, at);
  if (std::find(metrics.begin(), metrics.end(), t.metric) == metrics.end())
    throw std::invalid_argument("threshold '" + spec + "': metric '" + t.metric + "' is not one of rps, p50, p99, ratio, errors");
  t.value = parse_value(t.metric, rest.substr(at + t.op.size()), spec);
  return t;
}

int apply_threshold(const threshold& t, std::vector<load_summary>& rows) {
  int selected = 0;
  for (auto& r : rows) {
    if (t.scenario && r.scenario != t.scenario) continue;
    ++selected;
    const double v = metric_of(r, t.metric);
    r.thresholds.push_back({t.spec, v, holds(v, t.op, t.value)});
  }
  return selected;
}

}  // namespace lc::harness
