#include "lc_harness/report_writers.hpp"

#include <cstdio>

namespace lc::harness {

namespace {
std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
}  // namespace

void write_console(const suite_report& r, std::ostream& out) {
  out << "lc-harness " << r.suite << " suite, " << r.label << ", " << r.started << "\n"
      << "machine: " << r.machine.cpu_model << ", " << r.machine.cores << " cores, " << r.machine.kernel << "\n\n";
  if (!r.loads.empty()) {
    char line[400];
    std::snprintf(line, sizeof line, "%-4s %-8s %5s %6s %10s %9s %9s %9s %9s %7s %7s %8s %8s  %-6s %s\n", "scn", "kind",
                  "conns", "size", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "ratio", "srv cpu", "gen cpu", "verdict",
                  "ceiling");
    out << line;
    for (const auto& l : r.loads) {
      std::snprintf(line, sizeof line, "%-4d %-8s %5d %6s %10.1f %9.3f %9.3f %9.3f %9.3f %7llu %7s %8s %8s  %-6s %s\n",
                    l.scenario, l.kind.c_str(), l.connections,
                    ((l.random_sizes ? "<=" : "") + std::to_string(l.size)).c_str(), l.requests_per_second,
                    l.p50_us / 1000, l.p99_us / 1000, l.p999_us / 1000, l.max_us / 1000,
                    static_cast<unsigned long long>(l.socket_errors + l.timeouts + l.non_2xx + l.invalid_bodies),
                    l.ceiling_per_second > 0 ? (fmt("%.2f", l.ratio) + (l.meets_target ? "" : "<")).c_str() : "-",
                    fmt("%.0fus", l.server_cpu_us_per_request).c_str(),
                    fmt("%.0fus", l.client_cpu_us_per_request).c_str(), l.passed ? "PASS" : "FAIL",
                    l.ceiling_per_second > 0 ? (l.ceiling_name + " " + fmt("%.0f/s", l.ceiling_per_second)).c_str() : "");
      out << line;
      if (!l.passed) out << "     socket " << l.socket_errors << ", timeout " << l.timeouts << ", non-2xx " << l.non_2xx
                         << ", invalid " << l.invalid_bodies << ": " << l.detail << "\n";
    }
    out << "\n";
  }
  if (!r.loads.empty()) out << "srv cpu / gen cpu: CPU per request of the server tree and of this load generator\n";
  if (!r.ceilings.empty()) {
    out << "ratio: scenario req/s over its ceiling; '<' marks one below the issue 6 target (0.4 for 3 and 4, 0.5 else)\n";
    out << "ceilings:\n";
    for (const auto& c : r.ceilings)
      out << "  " << c.name << (c.connections ? " c=" + std::to_string(c.connections) + " size=" + std::to_string(c.size) : "")
          << (c.scenario ? " next to scenario " + std::to_string(c.scenario) : "")
          << ": " << (c.available ? fmt("%.1f/s", c.per_second) : "n/a") << (c.note.empty() ? "" : " (" + c.note + ")") << "\n";
    out << "\n";
  }
  if (!r.checks.empty()) {
    out << "checks:\n";
    for (const auto& c : r.checks)
      out << "  " << (c.passed ? "PASS " : "FAIL ") << "scenario " << c.scenario << " " << c.check << ": " << c.detail << "\n";
    out << "\n";
  }
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << (r.passed() ? "RESULT: PASS" : "RESULT: FAIL") << "\n";
}

}  // namespace lc::harness
