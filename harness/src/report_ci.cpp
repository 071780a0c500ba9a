// The CI outputs: JUnit XML and a Markdown summary (what GitHub's step summary shows).
#include "lc_harness/junit_suite.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/summary_text.hpp"
#include "lc_harness/threshold_table.hpp"

#include <sstream>

namespace lc::harness {

namespace {

std::string md_cell(const std::string& s) { return escape_markdown_cell(s); }

std::string row_failure(const load_summary& s) {
  std::string why;
  if (!s.passed) why = s.detail.empty() ? "errors: " + std::to_string(s.errors) : s.detail;
  for (const auto& t : s.thresholds)
    if (!t.passed) why += (why.empty() ? "" : "; ") + ("threshold " + t.spec + " failed: value " + fixed("%g", t.value));
  return why;
}

}  // namespace

std::string to_junit(const suite_report& r) {
  junit_suite suite;
  for (const auto& c : r.checks)
    suite.add("lc-harness.scenario" + std::to_string(c.scenario), c.check, c.seconds,
              c.passed ? "" : (c.detail.empty() ? "failed" : c.detail));
  for (const auto& s : r.rows)
    suite.add("lc-harness.scenario" + std::to_string(s.scenario), "load " + s.key(), 0.0, row_failure(s),
              s.generator_bound ? "generator-bound: the load generator used " + fixed("%.2f", s.generator_cpu_share) +
                                      " cores (over " + fixed("%.1f", generator_bound_cores) +
                                      "); these figures may measure it"
                                : "");
  return suite.text("lc-harness " + r.suite, r.started);
}

std::string to_markdown(const suite_report& r) {
  std::ostringstream out;
  out << "## lc-harness " << r.suite << ": " << (r.passed() ? "PASS" : "FAIL")
      << (r.baseline.regressions ? ", " + std::to_string(r.baseline.regressions) + " regression(s)" : "") << "\n\n"
      << r.label << ", " << r.started << ", harness `" << r.build.commit << "` (" << r.build.build_type << "), "
      << r.machine.cpu_model << ", " << r.machine.cores << " cores, load " << fixed("%.2f", r.load_average_before)
      << " → " << fixed("%.2f", r.load_average_after) << ", " << r.repetitions << " repetition(s), seed " << r.seed
      << "\n\n";
  if (!r.rows.empty()) {
    out << "Median [" << ci_name(r.rows.front().rps) << " of the median, order statistics]\n\n"
        << "| row | req/s | p50 ms | p99 ms | ratio | server µs/req | switches/req | errors | gen cores | verdict |\n"
        << "|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& s : r.rows) {
      const auto why = row_failure(s);
      out << "| " << md_cell(s.key()) << " | " << with_ci(s.rps, "%.0f") << " | " << with_ci(s.p50_us, "%.3f", 1000)
          << " | " << with_ci(s.p99_us, "%.3f", 1000) << " | " << with_ci(s.ratio, "%.2f") << " | "
          << fixed("%.1f", s.server_cpu_us.median) << " | " << fixed("%.2f", s.server_switches.median) << " | " << s.errors << " | "
          << fixed("%.2f", s.generator_cpu_share) << (s.generator_bound ? " ⚠ generator-bound" : "") << " | "
          << (why.empty() ? "PASS" : "FAIL: " + md_cell(why)) << " |\n";
    }
    out << "\n";
  }
  std::vector<named_outcomes> outcomes;
  for (const auto& s : r.rows) outcomes.push_back({s.key(), &s.thresholds});
  write_threshold_table(out, outcomes);
  if (!r.baseline.path.empty()) {
    out << "Against baseline `" << r.baseline.path << "` (" << r.baseline.commit << "), change of medians, "
        << "Mann–Whitney U p-value:\n\n";
    for (const auto& d : r.baseline.differences) out << "- **different** " << d << "\n";
    out << "\n| row | metric | baseline | now | change |\n|---|---|---|---|---|\n";
    for (const auto& s : r.rows)
      for (const auto& c : s.changes)
        out << "| " << md_cell(s.key()) << " | " << c.metric << " | " << fixed("%.4g", c.baseline_median) << " | "
            << fixed("%.4g", c.median) << " | " << change_text(c) << " |\n";
    out << "\n";
  }
  int failed = 0;
  for (const auto& c : r.checks) failed += c.passed ? 0 : 1;
  out << "Checks: " << r.checks.size() - static_cast<std::size_t>(failed) << " passed, " << failed << " failed\n\n";
  for (const auto& c : r.checks)
    if (!c.passed) out << "- FAIL scenario " << c.scenario << " " << md_cell(c.check) << ": " << md_cell(c.detail) << "\n";
  for (const auto& n : r.notes) out << "\n> " << n << "\n";
  return out.str();
}

}  // namespace lc::harness
