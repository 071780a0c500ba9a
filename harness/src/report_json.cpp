#include "lc_harness/report_writers.hpp"

#include <boost/json.hpp>

namespace lc::harness {

namespace json = boost::json;

json::object summary_json(const sample_summary& s) {
  return {{"n", s.n}, {"median", s.median}, {"min", s.min}, {"max", s.max},
          {"ci_low", s.ci_low}, {"ci_high", s.ci_high}, {"ci_coverage", s.coverage}};
}

json::object machine_json(const machine_info& m) {
  return {{"cpu_model", m.cpu_model}, {"cores", m.cores}, {"kernel", m.kernel}, {"hostname", m.hostname},
          {"governor", m.governor}};
}

json::object harness_json(const build_info& b) {
  return {{"commit", b.commit}, {"build_type", b.build_type}, {"compiler", b.compiler}};
}

namespace {

json::object row_json(const load_summary& r) {
  json::array thresholds, changes;
  for (const auto& t : r.thresholds) thresholds.push_back({{"spec", t.spec}, {"value", t.value}, {"passed", t.passed}});
  for (const auto& c : r.changes)
    changes.push_back({{"metric", c.metric}, {"baseline_median", c.baseline_median}, {"median", c.median},
                       {"change", c.change}, {"p_value", c.p_value}, {"significant", c.significant},
                       {"regression", c.regression}});
  return {{"scenario", r.scenario}, {"kind", r.kind}, {"connections", r.connections}, {"size", r.size},
          {"random_sizes", r.random_sizes}, {"mode", r.mode}, {"late", r.late}, {"dropped", r.dropped},
          {"repetitions", r.rps.n}, {"good", r.good}, {"errors", r.errors},
          {"requests_per_second", summary_json(r.rps)}, {"p50_us", summary_json(r.p50_us)},
          {"p99_us", summary_json(r.p99_us)}, {"ratio", summary_json(r.ratio)}, {"ceiling", r.ceiling_name},
          {"server_cpu_us_per_request", summary_json(r.server_cpu_us)},
          {"server_switches_per_request", summary_json(r.server_switches)},
          {"target_ratio", r.target_ratio}, {"meets_target", r.meets_target},
          {"generator_cpu_share", r.generator_cpu_share}, {"generator_bound", r.generator_bound},
          {"passed", r.passed}, {"detail", r.detail}, {"thresholds", std::move(thresholds)},
          {"baseline_matched", r.baseline_matched}, {"baseline_changes", std::move(changes)}};
}

json::object run_json(const load_row& l) {
  json::array buckets;
  for (const auto& b : l.latency_buckets) buckets.push_back(json::array{b.upper_us, b.count});
  return {{"scenario", l.scenario}, {"kind", l.kind}, {"connections", l.connections}, {"size", l.size},
          {"random_sizes", l.random_sizes}, {"mode", l.mode}, {"offered_rate", l.offered_rate}, {"late", l.late},
          {"dropped", l.dropped}, {"repetition", l.repetition}, {"order", l.order}, {"good", l.good},
          {"socket_errors", l.socket_errors}, {"timeouts", l.timeouts}, {"non_2xx", l.non_2xx},
          {"invalid_bodies", l.invalid_bodies}, {"requests_per_second", l.requests_per_second},
          {"p50_us", l.p50_us}, {"p90_us", l.p90_us}, {"p99_us", l.p99_us}, {"p999_us", l.p999_us},
          {"max_us", l.max_us}, {"server_cpu_seconds", l.server_cpu_seconds},
          {"server_cpu_us_per_request", l.server_cpu_us_per_request},
          {"server_switches_per_request", l.server_switches_per_request}, {"server_rss_bytes", l.server_rss_bytes},
          {"server_processes", l.server_processes}, {"client_cpu_us_per_request", l.client_cpu_us_per_request},
          {"client_cpu_share", l.client_cpu_share}, {"bodies_fully_checked", l.bodies_fully_checked},
          {"ceiling", l.ceiling_name},
          {"ceiling_per_second", l.ceiling_per_second}, {"ratio", l.ratio}, {"target_ratio", l.target_ratio},
          {"meets_target", l.meets_target}, {"passed", l.passed}, {"detail", l.detail},
          {"latency_buckets_us", std::move(buckets)}};
}

}  // namespace

std::string to_json(const suite_report& r) {
  json::object root;
  root["schema_version"] = report_schema_version;
  root["suite"] = r.suite;
  root["label"] = r.label;
  root["started"] = r.started;
  root["passed"] = r.passed();
  root["harness"] = harness_json(r.build);
  root["server"] = {{"ours", r.servers_ours}, {"commit", r.servers_ours ? r.build.commit : ""}, {"label", r.label}};
  root["machine"] = machine_json(r.machine);
  root["load_average"] = {{"before", r.load_average_before}, {"after", r.load_average_after}};
  root["repetitions"] = r.repetitions;
  root["seed"] = r.seed;
  root["options"] = r.options;
  root["statistics"] = {
      {"interval", "distribution-free order-statistic confidence interval of the median (binomial), 95 % or "
                   "[min, max] at its own coverage below 6 repetitions"},
      {"comparison", "two-sided Mann-Whitney U over the repetitions (exact without ties), significant at p < 0.05"}};
  json::array rows, loads, checks, ceilings, notes;
  for (const auto& s : r.rows) rows.push_back(row_json(s));
  for (const auto& l : r.loads) loads.push_back(run_json(l));
  for (const auto& c : r.checks)
    checks.push_back({{"scenario", c.scenario}, {"check", c.check}, {"passed", c.passed}, {"seconds", c.seconds},
                      {"detail", c.detail}});
  for (const auto& c : r.ceilings)
    ceilings.push_back({{"name", c.name}, {"scenario", c.scenario}, {"connections", c.connections}, {"size", c.size},
                        {"per_second", c.per_second}, {"p99_us", c.p99_us}, {"available", c.available},
                        {"note", c.note}});
  for (const auto& n : r.notes) notes.push_back(json::string(n));
  root["rows"] = std::move(rows);
  root["loads"] = std::move(loads);
  root["checks"] = std::move(checks);
  root["ceilings"] = std::move(ceilings);
  root["notes"] = std::move(notes);
  if (!r.baseline.path.empty())
    root["baseline"] = {{"path", r.baseline.path}, {"commit", r.baseline.commit}, {"started", r.baseline.started},
                        {"differences", json::value_from(r.baseline.differences)},
                        {"regressions", r.baseline.regressions}, {"underpowered", r.baseline.underpowered}};
  return json::serialize(root) + "\n";
}

}  // namespace lc::harness
