// The CI outputs of resource mode: JUnit XML and the Markdown summary.
#include "lc_harness/junit_suite.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/resource_report.hpp"
#include "lc_harness/resource_threshold.hpp"
#include "lc_harness/summary_text.hpp"
#include "lc_harness/threshold_table.hpp"

#include <sstream>

namespace lc::harness {

namespace {

std::string md_cell(const std::string& s) { return escape_markdown_cell(s); }

std::string klass(int read_percent) { return "lc-harness.resource." + resource_row_name(read_percent); }

std::string figures(const resource_row& s) {
  return "req/s " + with_ci(s.rps, "%.0f") + ", reads/s " + with_ci(s.reads, "%.0f") + ", writes/s " +
         with_ci(s.writes, "%.0f") + ", p50 ms " + with_ci(s.p50, "%.3f", 1000) + ", p99 ms " +
         with_ci(s.p99, "%.3f", 1000) + ", write ceiling/s " + resource_ceiling_text(s.write_ceiling) +
         ", read ceiling/s " + resource_ceiling_text(s.read_ceiling) + ", write ratio " +
         resource_ratio_text(s.write_ratio, s.write_ceiling) + ", read ratio " +
         resource_ratio_text(s.read_ratio, s.read_ceiling) +
         (s.generator_cpu_share > generator_bound_cores
              ? "; generator-bound: the load generator used " + fixed("%.2f", s.generator_cpu_share) + " cores"
              : "");
}

std::string reply_failure(const resource_run& run) {
  if (!run.errors) return "";
  std::string why = std::to_string(run.errors) + " errors";
  for (const auto& e : run.first_errors) why += "; " + e;
  return why;
}

}  // namespace

std::string resource_to_junit(const resource_report& r) {
  junit_suite suite;
  for (const auto& run : r.runs) {
    suite.add(klass(run.read_percent), "replies " + resource_run_name(run), run.seconds, reply_failure(run),
              std::to_string(run.reads) + " reads, " + std::to_string(run.writes) + " writes validated");
    if (run.teardown)
      suite.add(klass(run.read_percent), "teardown " + run.teardown->name + " " + resource_run_name(run),
                run.teardown->seconds, run.teardown->passed ? "" : run.teardown->detail, run.teardown->detail);
  }
  for (const auto& s : r.rows)
    suite.add(klass(s.read_percent), "load " + resource_key(s), 0.0, resource_row_failure(s), figures(s));
  return suite.text("lc-harness resource", r.started);
}

std::string resource_to_markdown(const resource_report& r) {
  std::ostringstream out;
  out << "## lc-harness resource: " << (r.passed() ? "PASS" : "FAIL") << "\n\n"
      << "test_server_resource, " << r.started << ", harness `" << r.build.commit << "` (" << r.build.build_type
      << "), " << r.machine.cpu_model << ", " << r.machine.cores << " cores, load "
      << fixed("%.2f", r.load_average_before) << " → " << fixed("%.2f", r.load_average_after) << ", "
      << r.repetitions << " repetition(s), seed " << r.seed << "\n\n";
  if (!r.rows.empty()) {
    out << "Median [" << ci_name(r.rows.front().rps) << " of the median]; ratios: server over the ceiling measured "
        << "right after each run, `<` below the target 0.5\n\n"
        << "| row | req/s | reads/s | writes/s | p50 ms | p99 ms | errors | write ceil/s | read ceil/s | write ratio "
        << "| read ratio | gen cores | verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& s : r.rows) {
      const auto why = resource_row_failure(s);
      out << "| " << md_cell(resource_key(s)) << " | " << with_ci(s.rps, "%.0f") << " | " << with_ci(s.reads, "%.0f")
          << " | " << with_ci(s.writes, "%.0f") << " | " << with_ci(s.p50, "%.3f", 1000) << " | "
          << with_ci(s.p99, "%.3f", 1000) << " | " << s.errors << " | " << resource_ceiling_text(s.write_ceiling)
          << " | " << resource_ceiling_text(s.read_ceiling) << " | "
          << resource_ratio_text(s.write_ratio, s.write_ceiling) << " | "
          << resource_ratio_text(s.read_ratio, s.read_ceiling) << " | " << fixed("%.2f", s.generator_cpu_share)
          << (s.generator_cpu_share > generator_bound_cores ? " ⚠ generator-bound" : "") << " | "
          << (why.empty() ? "PASS" : "FAIL: " + md_cell(why)) << " |\n";
    }
    out << "\n";
  }
  std::vector<named_outcomes> outcomes;
  for (const auto& s : r.rows) outcomes.push_back({resource_key(s), &s.thresholds});
  write_threshold_table(out, outcomes);
  int checks = 0, failed = 0;
  std::ostringstream failures;
  auto check = [&](bool passed, const std::string& what) {
    ++checks;
    if (passed) return;
    ++failed;
    failures << "- FAIL " << md_cell(what) << "\n";
  };
  for (const auto& run : r.runs) {
    check(!run.errors, "replies " + resource_run_name(run) + ": " + reply_failure(run));
    if (run.teardown)
      check(run.teardown->passed, "teardown " + resource_run_name(run) + ": " + run.teardown->detail);
  }
  out << "Checks: " << checks - failed << " passed, " << failed << " failed\n\n" << failures.str();
  for (const auto& n : r.notes) out << "\n> " << n << "\n";
  return out.str();
}

}  // namespace lc::harness
