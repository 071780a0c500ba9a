#include "lc_harness/resource_report.hpp"

#include "lc_harness/load_summary.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/summary_text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

namespace lc::harness {

namespace json = boost::json;

namespace {

sample_summary over(const std::vector<const resource_run*>& runs, const std::function<double(const resource_run&)>& f) {
  std::vector<double> values;
  for (const auto* r : runs) values.push_back(f(*r));
  return summarize(values);
}

std::string cores(double share) {
  return fixed("%.2fc", share) + (share > generator_bound_cores ? "!" : "");
}

json::object run_json(const resource_run& r) {
  json::array errors;
  for (const auto& e : r.first_errors) errors.push_back(json::string(e));
  json::object o{{"connections", r.connections}, {"mix", resource_mix_name(r.read_percent)},
                 {"repetition", r.repetition},
                 {"order", r.order}, {"reads", r.reads}, {"writes", r.writes}, {"errors", r.errors},
                 {"first_errors", std::move(errors)}, {"seconds", r.seconds},
                 {"reads_per_second", r.reads_per_second}, {"writes_per_second", r.writes_per_second},
                 {"p50_us", r.p50_us}, {"p99_us", r.p99_us}, {"generator_cpu_share", r.generator_cpu_share},
                 {"read_ceiling_generator_share", r.read_ceiling_generator_share},
                 {"store_bytes", r.store_bytes},
                 {"read_body_bytes", r.read_body_bytes},
                 {"write_ceiling", {{"name", r.write_ceiling.name}, {"per_second", r.write_ceiling.per_second},
                                    {"note", r.write_ceiling.note}}},
                 {"read_ceiling", {{"name", r.read_ceiling.name}, {"per_second", r.read_ceiling.per_second},
                                   {"note", r.read_ceiling.note}}},
                 {"write_ratio", r.write_ratio}, {"read_ratio", r.read_ratio}};
  if (r.teardown)
    o["teardown"] = {{"check", r.teardown->name}, {"passed", r.teardown->passed}, {"seconds", r.teardown->seconds},
                     {"detail", r.teardown->detail}};
  return o;
}

}  // namespace

std::string resource_mix_name(int read_percent) {
  return std::to_string(read_percent) + "/" + std::to_string(100 - read_percent);
}

std::string resource_key(const resource_row& r) {
  return "rest " + resource_mix_name(r.read_percent) + " c" + std::to_string(r.connections);
}

std::string resource_run_name(const resource_run& r) {
  return "rest " + resource_mix_name(r.read_percent) + " c" + std::to_string(r.connections) + " rep" +
         std::to_string(r.repetition);
}

std::string resource_ratio_text(const sample_summary& ratio, const sample_summary& ceiling) {
  return ceiling.median > 0 ? with_ci(ratio, "%.2f") + (ratio.median < 0.5 ? " <" : "") : "-";
}

std::string resource_ceiling_text(const sample_summary& ceiling) {
  return ceiling.median > 0 ? with_ci(ceiling, "%.0f") : "-";
}

std::string resource_row_failure(const resource_row& r) {
  std::string why;
  auto add = [&](const std::string& s) { why += (why.empty() ? "" : "; ") + s; };
  if (r.errors) add("errors: " + std::to_string(r.errors));
  if (r.teardown_failures)
    add("teardown failed in " + std::to_string(r.teardown_failures) + " of " + std::to_string(r.teardowns) + " runs");
  for (const auto& t : r.thresholds)
    if (!t.passed) add("threshold " + t.spec + " failed: value " + fixed("%g", t.value));
  return why;
}

bool resource_row::thresholds_passed() const {
  return std::all_of(thresholds.begin(), thresholds.end(), [](auto& t) { return t.passed; });
}

bool resource_report::passed() const {
  for (const auto& r : runs)
    if (r.errors || (r.teardown && !r.teardown->passed)) return false;
  for (const auto& r : rows)
    if (!r.thresholds_passed()) return false;
  return !runs.empty();
}

std::vector<resource_row> summarize_resource_runs(const std::vector<resource_run>& runs) {
  std::map<std::pair<int, int>, std::vector<const resource_run*>> cells;
  for (const auto& r : runs) cells[{r.connections, -r.read_percent}].push_back(&r);
  std::vector<resource_row> rows;
  for (const auto& [key, cell] : cells) {
    resource_row row{key.first, -key.second};
    row.rps = over(cell, [](auto& r) { return r.reads_per_second + r.writes_per_second; });
    row.reads = over(cell, [](auto& r) { return r.reads_per_second; });
    row.writes = over(cell, [](auto& r) { return r.writes_per_second; });
    row.p50 = over(cell, [](auto& r) { return r.p50_us; });
    row.p99 = over(cell, [](auto& r) { return r.p99_us; });
    row.write_ceiling = over(cell, [](auto& r) { return r.write_ceiling.per_second; });
    row.read_ceiling = over(cell, [](auto& r) { return r.read_ceiling.per_second; });
    row.write_ratio = over(cell, [](auto& r) { return r.write_ratio; });
    row.read_ratio = over(cell, [](auto& r) { return r.read_ratio; });
    for (const auto* r : cell) {
      row.errors += r->errors;
      row.generator_cpu_share = std::max(row.generator_cpu_share, r->generator_cpu_share);
      row.read_ceiling_generator_share = std::max(row.read_ceiling_generator_share, r->read_ceiling_generator_share);
      row.teardowns += r->teardown.has_value();
      row.teardown_failures += r->teardown && !r->teardown->passed;
    }
    rows.push_back(row);
  }
  return rows;
}

void write_resource_console(const resource_report& r, std::ostream& out) {
  out << "lc-harness resource mode, test_server_resource, " << r.started << ", harness " << r.build.commit << " ("
      << r.build.build_type << ")\n"
      << "machine: " << r.machine.cpu_model << ", " << r.machine.cores << " cores, " << r.machine.kernel << ", load "
      << fixed("%.2f", r.load_average_before) << " -> " << fixed("%.2f", r.load_average_after) << "\n"
      << "repetitions " << r.repetitions << ", seed " << r.seed << "\n\n";
  char line[640];
  std::snprintf(line, sizeof line, "%-9s %5s %-20s %-20s %-18s %-18s %-18s %7s %-18s %-18s %-16s %-16s %s\n", "mix",
                "conns", "req/s", "reads/s", "writes/s", "p50 ms", "p99 ms", "errors", "write ceil/s", "read ceil/s",
                "write ratio", "read ratio", "gen run/ceil");
  out << line;
  for (const auto& s : r.rows) {
    std::snprintf(line, sizeof line, "%-9s %5d %-20s %-20s %-18s %-18s %-18s %7llu %-18s %-18s %-16s %-16s %s\n",
                  ("rest " + resource_mix_name(s.read_percent)).c_str(), s.connections, with_ci(s.rps, "%.0f").c_str(),
                  with_ci(s.reads, "%.0f").c_str(), with_ci(s.writes, "%.0f").c_str(),
                  with_ci(s.p50, "%.3f", 1000).c_str(), with_ci(s.p99, "%.3f", 1000).c_str(),
                  static_cast<unsigned long long>(s.errors), with_ci(s.write_ceiling, "%.0f").c_str(),
                  with_ci(s.read_ceiling, "%.0f").c_str(),
                  (with_ci(s.write_ratio, "%.2f") + (s.write_ratio.median < 0.5 ? "<" : "")).c_str(),
                  (with_ci(s.read_ratio, "%.2f") + (s.read_ratio.median < 0.5 ? "<" : "")).c_str(),
                  (cores(s.generator_cpu_share) + "/" + cores(s.read_ceiling_generator_share)).c_str());
    out << line;
  }
  if (!r.rows.empty())
    out << "\nfigures: median [" << ci_name(r.rows.front().rps) << " of the median] over " << r.repetitions
        << " repetition(s)\n"
        << "gen: load generator CPU in cores, worst server run / worst read ceiling run (one thread per "
           "connection); '!' marks one above "
        << generator_bound_cores << " core, where the generator may be the bottleneck\n";
  if (!r.runs.empty() && !r.runs.front().write_ceiling.name.empty())
    out << "ratios: server writes/s (reads/s) over the ceiling measured right after that run, same connections and "
           "duration; '<' marks a median below the target 0.5\n"
        << "write ceiling: " << (r.runs.empty() ? "" : r.runs.front().write_ceiling.name)
        << " of a file as large as the server's customers.json after its run; read ceiling: "
        << "lc-static-responder --body-file with the bytes of a GET /customer/N reply\n";
  bool any_threshold = false;
  for (const auto& s : r.rows)
    for (const auto& t : s.thresholds) {
      if (!any_threshold) out << "\nthresholds:\n";
      any_threshold = true;
      out << "  " << (t.passed ? "PASS " : "FAIL ") << t.spec << " " << resource_key(s) << ": value "
          << fixed("%g", t.value) << "\n";
    }
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << "\nchecks:\n";
  for (const auto& run : r.runs) {
    const auto cell = resource_run_name(run);
    out << "  " << (run.errors ? "FAIL " : "PASS ") << cell << " replies: " << run.reads << " reads, " << run.writes
        << " writes validated, " << run.errors << " errors\n";
    for (const auto& e : run.first_errors) out << "       " << e << "\n";
    if (run.teardown)
      out << "  " << (run.teardown->passed ? "PASS " : "FAIL ") << cell << " teardown " << run.teardown->name << ": "
          << run.teardown->detail << "\n";
    for (const auto* c : {&run.write_ceiling, &run.read_ceiling})
      if (!c->note.empty()) out << "  note " << cell << " " << c->name << ": " << c->note << "\n";
  }
  out << "\n" << (r.passed() ? "RESULT: PASS" : "RESULT: FAIL") << "\n";
}

std::string resource_to_json(const resource_report& r) {
  json::array rows, runs, notes;
  for (const auto& s : r.rows) {
    json::array thresholds;
    for (const auto& t : s.thresholds)
      thresholds.push_back({{"spec", t.spec}, {"value", t.value}, {"passed", t.passed}});
    rows.push_back({{"connections", s.connections}, {"mix", resource_mix_name(s.read_percent)},
                    {"requests_per_second", summary_json(s.rps)}, {"reads_per_second", summary_json(s.reads)},
                    {"writes_per_second", summary_json(s.writes)}, {"p50_us", summary_json(s.p50)},
                    {"p99_us", summary_json(s.p99)}, {"write_ceiling_per_second", summary_json(s.write_ceiling)},
                    {"read_ceiling_per_second", summary_json(s.read_ceiling)},
                    {"write_ratio", summary_json(s.write_ratio)}, {"read_ratio", summary_json(s.read_ratio)},
                    {"target_ratio", 0.5}, {"errors", s.errors}, {"generator_cpu_share", s.generator_cpu_share},
                    {"generator_bound", s.generator_cpu_share > generator_bound_cores},
                    {"read_ceiling_generator_share", s.read_ceiling_generator_share}, {"teardowns", s.teardowns},
                    {"teardown_failures", s.teardown_failures}, {"thresholds", std::move(thresholds)}});
  }
  for (const auto& n : r.notes) notes.push_back(json::string(n));
  for (const auto& run : r.runs) runs.push_back(run_json(run));
  json::object root{{"schema_version", report_schema_version},
                    {"suite", "resource"},
                    {"started", r.started},
                    {"passed", r.passed()},
                    {"harness", harness_json(r.build)},
                    {"machine", machine_json(r.machine)},
                    {"load_average", {{"before", r.load_average_before}, {"after", r.load_average_after}}},
                    {"repetitions", r.repetitions},
                    {"seed", r.seed},
                    {"options", r.options},
                    {"resource_rows", std::move(rows)},
                    {"resource_runs", std::move(runs)},
                    {"notes", std::move(notes)}};
  return json::serialize(root) + "\n";
}

}  // namespace lc::harness
