#include "lc_harness/report_writers.hpp"
#include "lc_harness/summary_text.hpp"

#include <cstdio>

namespace lc::harness {

namespace {

void write_rows(const suite_report& r, std::ostream& out) {
  char line[512];
  std::snprintf(line, sizeof line, "%-4s %-8s %5s %6s %-11s %-24s %-22s %-22s %7s %-18s %6s  %-7s %s\n", "scn", "kind",
                "conns", "size", "mode", "req/s", "p50 ms", "p99 ms", "errors", "ratio", "gen", "verdict", "ceiling");
  out << line;
  for (const auto& s : r.rows) {
    const bool ok = s.passed && s.thresholds_passed();
    std::snprintf(line, sizeof line, "%-4d %-8s %5d %6s %-11s %-24s %-22s %-22s %7llu %-18s %6s  %-7s %s\n", s.scenario,
                  s.kind.c_str(), s.connections, ((s.random_sizes ? "<=" : "") + std::to_string(s.size)).c_str(), s.mode.c_str(),
                  with_ci(s.rps, "%.0f").c_str(), with_ci(s.p50_us, "%.3f", 1000).c_str(),
                  with_ci(s.p99_us, "%.3f", 1000).c_str(), static_cast<unsigned long long>(s.errors),
                  (with_ci(s.ratio, "%.2f") + (s.ratio.n && !s.meets_target ? "<" : "")).c_str(),
                  (fixed("%.2fc", s.generator_cpu_share) + (s.generator_bound ? "!" : "")).c_str(), ok ? "PASS" : "FAIL",
                  s.ceiling_name.c_str());
    out << line;
    if (!s.passed) out << "     " << s.detail << "\n";
    if (s.mode != "closed")
      out << "     open loop: " << s.late << " requests late (sent over one interval after their time), " << s.dropped
          << " never sent; latency from the intended send time\n";
    for (const auto& t : s.thresholds)
      out << "     threshold " << t.spec << ": " << (t.passed ? "PASS" : "FAIL") << " (value " << fixed("%g", t.value) << ")\n";
    for (const auto& c : s.changes) out << "     vs baseline " << c.metric << ": " << change_text(c) << "\n";
  }
  out << "\n";
}

}  // namespace

void write_console(const suite_report& r, std::ostream& out) {
  out << "lc-harness " << r.suite << " suite, " << r.label << ", " << r.started << ", harness " << r.build.commit << " ("
      << r.build.build_type << ")\n"
      << "machine: " << r.machine.cpu_model << ", " << r.machine.cores << " cores, " << r.machine.kernel
      << ", load " << fixed("%.2f", r.load_average_before) << " -> " << fixed("%.2f", r.load_average_after) << "\n"
      << "repetitions " << r.repetitions << ", seed " << r.seed << "\n\n";
  if (!r.rows.empty()) {
    write_rows(r, out);
    const auto& s = r.rows.front().rps;
    out << "figures: median [" << ci_name(s) << " of the median: distribution-free, order statistics] over "
        << r.repetitions << " repetition(s)\n"
        << "gen: load generator CPU in cores (worst repetition); '!' marks one above " << generator_bound_cores
        << " core, where the generator may be the bottleneck\n";
  }
  if (!r.ceilings.empty())
    out << "ratio: scenario req/s over the ceiling measured right after it, per pair; '<' marks a median below the "
           "issue 6 target (0.4 for 3 and 4, 0.5 else)\n";
  if (!r.baseline.path.empty()) {
    out << "baseline: " << r.baseline.path << " (" << r.baseline.commit << ", " << r.baseline.started
        << "); changes are of medians, Mann-Whitney U p-values, significant below 0.05\n";
    for (const auto& d : r.baseline.differences) out << "  DIFFERENT " << d << "\n";
    out << "  regressions beyond --fail-on: " << r.baseline.regressions << "\n";
  }
  out << "\n";
  if (!r.checks.empty()) {
    out << "checks:\n";
    for (const auto& c : r.checks)
      out << "  " << (c.passed ? "PASS " : "FAIL ") << "scenario " << c.scenario << " " << c.check << ": " << c.detail << "\n";
    out << "\n";
  }
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << (r.passed() ? "RESULT: PASS" : "RESULT: FAIL") << (r.baseline.regressions ? " (regressions: exit 3)" : "") << "\n";
}

}  // namespace lc::harness
