// The CSV of resource mode: "row" records summarise a mix x connections cell over its repetitions
// (median and CI), "threshold" records are the --threshold outcomes, "run" records the runs,
// "check" records their reply and teardown checks.
#include "lc_harness/csv_table.hpp"
#include "lc_harness/load_summary.hpp"
#include "lc_harness/resource_report.hpp"
#include "lc_harness/resource_threshold.hpp"

#include <boost/json/serialize.hpp>

namespace lc::harness {

namespace {

const std::vector<std::string> figures = {"per_second", "reads_per_second", "writes_per_second", "p50_us", "p99_us",
                                          "write_ceiling_per_second", "read_ceiling_per_second", "write_ratio",
                                          "read_ratio"};

std::vector<std::string> columns() {
  std::vector<std::string> c = {"record", "suite", "cpu_model", "cores", "kernel", "row", "mix", "read_percent",
                                "connections", "repetition", "repetitions", "name", "reads", "writes", "errors"};
  for (const auto& f : figures)
    for (const auto* tail : {"", "_ci_low", "_ci_high"}) c.push_back(f + tail);
  for (const auto* tail : {"target_ratio", "generator_cpu_share", "read_ceiling_generator_share", "generator_bound",
                           "store_bytes", "verdict", "seconds", "detail"})
    c.push_back(tail);
  return c;
}

using fields = std::map<std::string, std::string>;

void put(fields& f, const std::string& name, const sample_summary& s) {
  f[name] = csv_value(s.median);
  f[name + "_ci_low"] = csv_value(s.ci_low);
  f[name + "_ci_high"] = csv_value(s.ci_high);
}

fields cell(int read_percent, int connections) {
  return {{"row", resource_row_name(read_percent)}, {"mix", csv_field(resource_mix_name(read_percent))},
          {"read_percent", csv_value(read_percent)}, {"connections", csv_value(connections)}};
}

fields row_fields(const resource_row& s) {
  auto f = cell(s.read_percent, s.connections);
  f["record"] = "row";
  f["repetitions"] = csv_value(s.rps.n);
  f["errors"] = csv_value(s.errors);
  put(f, "per_second", s.rps);
  put(f, "reads_per_second", s.reads);
  put(f, "writes_per_second", s.writes);
  put(f, "p50_us", s.p50);
  put(f, "p99_us", s.p99);
  if (s.write_ceiling.median > 0) {  // blank without ceilings (--no-ceilings, or the measurement failed)
    put(f, "write_ceiling_per_second", s.write_ceiling);
    put(f, "write_ratio", s.write_ratio);
  }
  if (s.read_ceiling.median > 0) {
    put(f, "read_ceiling_per_second", s.read_ceiling);
    put(f, "read_ratio", s.read_ratio);
  }
  f["target_ratio"] = "0.5";
  f["generator_cpu_share"] = csv_value(s.generator_cpu_share);
  f["read_ceiling_generator_share"] = csv_value(s.read_ceiling_generator_share);
  f["generator_bound"] = csv_value(s.generator_cpu_share > generator_bound_cores);
  const auto why = resource_row_failure(s);
  f["verdict"] = why.empty() ? "PASS" : "FAIL";
  f["detail"] = csv_field(why);
  return f;
}

fields run_fields(const resource_run& r) {
  auto f = cell(r.read_percent, r.connections);
  std::string errors;
  for (const auto& e : r.first_errors) errors += (errors.empty() ? "" : "; ") + e;
  f.insert({{"record", "run"}, {"repetition", csv_value(r.repetition)}, {"reads", csv_value(r.reads)},
            {"writes", csv_value(r.writes)}, {"errors", csv_value(r.errors)},
            {"per_second", csv_value(r.reads_per_second + r.writes_per_second)},
            {"reads_per_second", csv_value(r.reads_per_second)}, {"writes_per_second", csv_value(r.writes_per_second)},
            {"p50_us", csv_value(r.p50_us)}, {"p99_us", csv_value(r.p99_us)},
            {"write_ceiling_per_second", csv_value(r.write_ceiling.per_second)},
            {"read_ceiling_per_second", csv_value(r.read_ceiling.per_second)},
            {"write_ratio", csv_value(r.write_ratio)}, {"read_ratio", csv_value(r.read_ratio)},
            {"generator_cpu_share", csv_value(r.generator_cpu_share)},
            {"read_ceiling_generator_share", csv_value(r.read_ceiling_generator_share)},
            {"store_bytes", csv_value(r.store_bytes)}, {"seconds", csv_value(r.seconds)},
            {"verdict", r.errors ? "FAIL" : "PASS"}, {"detail", csv_field(errors)}});
  return f;
}

}  // namespace

std::string resource_to_csv(const resource_report& r) {
  csv_table t(columns(), {{"suite", "resource"}, {"cpu_model", csv_field(r.machine.cpu_model)},
                          {"cores", csv_value(r.machine.cores)}, {"kernel", csv_field(r.machine.kernel)}});
  for (const auto& s : r.rows) {
    t.add(row_fields(s));
    for (const auto& th : s.thresholds) {
      auto f = cell(s.read_percent, s.connections);
      f.insert({{"record", "threshold"}, {"name", csv_field(th.spec)}, {"verdict", th.passed ? "PASS" : "FAIL"},
                {"detail", csv_field("value " + csv_value(th.value))}});
      t.add(f);
    }
  }
  for (const auto& run : r.runs) t.add(run_fields(run));
  for (const auto& run : r.runs) {
    auto f = cell(run.read_percent, run.connections);
    f.insert({{"record", "check"}, {"repetition", csv_value(run.repetition)}, {"name", "replies"},
              {"errors", csv_value(run.errors)}, {"verdict", run.errors ? "FAIL" : "PASS"}});
    t.add(f);
    if (!run.teardown) continue;
    f.erase("errors");
    f["name"] = csv_field("teardown " + run.teardown->name);
    f["verdict"] = run.teardown->passed ? "PASS" : "FAIL";
    f["seconds"] = csv_value(run.teardown->seconds);
    f["detail"] = csv_field(run.teardown->detail);
    t.add(f);
  }
  for (const auto& kv : r.options)
    t.add({{"record", "option"}, {"name", csv_field(kv.key())},
           {"detail", csv_field(boost::json::serialize(kv.value()))}});
  return t.text();
}

}  // namespace lc::harness
