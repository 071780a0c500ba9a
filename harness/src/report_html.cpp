#include "lc_harness/chart_axis.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/cost_chart.hpp"
#include "lc_harness/pairs_chart.hpp"
#include "lc_harness/scaling_chart.hpp"
#include "lc_harness/spectra_chart.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/summary_text.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

namespace lc::harness {

namespace {

std::string esc(const std::string& s) { return escape_markup(s); }

std::string num(double v, const char* f = "%.1f") {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string row_label(const load_row& l) {
  return "S" + std::to_string(l.scenario) + " c" + std::to_string(l.connections) + " " +
         (l.random_sizes ? "<=" : "") + std::to_string(l.size) + (l.mode == "closed" ? "" : " " + l.mode);
}

// Horizontal bars: one per row, with a hollow bar for the ceiling where there is one, on an axis
// from 0 to `top_value` (shared by the panels that are compared) with ticks at its quarters.
void bar_chart(std::ostream& out, const std::string& id, const std::string& title, const std::vector<const load_row*>& rows,
               const std::function<double(const load_row&)>& value, const std::function<double(const load_row&)>& ceiling,
               const std::string& unit, bool show_ratio, double top_value) {
  const int row_h = 26, left = 120, width = 420, top = 28;
  top_value = nice_axis_top(top_value);
  const int axis_y = top + row_h * static_cast<int>(rows.size());
  const int height = axis_y + 36;
  out << "<svg id=\"" << id << "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + width + 130
      << "\" height=\"" << height << "\"><text class=\"chart-title\" x=\"4\" y=\"16\">" << esc(title) << "</text>\n";
  int y = top;
  for (auto* r : rows) {
    const double v = value(*r), c = ceiling(*r);
    out << "<text x=\"4\" y=\"" << y + 15 << "\">" << esc(row_label(*r)) << "</text>";
    if (c > 0)
      out << "<rect class=\"ceiling\" x=\"" << left << "\" y=\"" << y + 2 << "\" width=\"" << num(width * c / top_value)
          << "\" height=\"18\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"3,2\"><title>ceiling "
          << esc(r->ceiling_name) << " " << num(c) << "</title></rect>";
    out << "<rect class=\"bar\" x=\"" << left << "\" y=\"" << y + 5 << "\" width=\"" << num(width * v / top_value)
        << "\" height=\"12\" fill=\"" << (r->passed ? "#3a7bd5" : "#d9534f") << "\"/>";
    out << "<text x=\"" << left + width + 6 << "\" y=\"" << y + 15 << "\">" << num(v) << " " << unit
        << (show_ratio && c > 0 && r->ratio > 0 ? " (" + num(r->ratio, "%.2f") + "x)" : "") << "</text>\n";
    y += row_h;
  }
  out << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << axis_y << "\" x2=\"" << left + width << "\" y2=\"" << axis_y
      << "\" stroke=\"#333\"/>";
  for (int q = 0; q <= 4; ++q) {
    const double x = left + width * q / 4.0;
    out << "<line x1=\"" << num(x) << "\" y1=\"" << axis_y << "\" x2=\"" << num(x) << "\" y2=\"" << axis_y + 4
        << "\" stroke=\"#333\"/><text class=\"tick\" x=\"" << num(x - 10) << "\" y=\"" << axis_y + 16 << "\" font-size=\"10\">"
        << num(top_value * q / 4, top_value >= 100 ? "%.0f" : "%.3g") << "</text>";
  }
  out << "<text class=\"axis-label\" x=\"" << left + width / 2 << "\" y=\"" << axis_y + 28 << "\" font-size=\"11\">" << esc(unit)
      << "</text></svg>\n";
}

double largest(const std::vector<const load_row*>& rows, const std::function<double(const load_row&)>& value,
               const std::function<double(const load_row&)>& ceiling) {
  double top = 0.0;
  for (auto* r : rows) top = std::max({top, value(*r), ceiling(*r)});
  return top;
}

void latency_chart(std::ostream& out, const std::vector<load_row>& loads) {
  const int left = 50, width = 600, height = 240, top = 20;
  const double lo = 1.0, hi = 1e7;  // 1 us .. 10 s
  auto x_of = [&](double us) { return left + width * (std::log10(std::clamp(us, lo, hi)) - std::log10(lo)) / std::log10(hi / lo); };
  out << "<svg id=\"latency-distribution\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + width + 220
      << "\" height=\"" << top + height + 40 << "\"><text class=\"chart-title\" x=\"4\" y=\"14\">Latency distribution (CDF, log time)</text>\n";
  for (double t = 1; t <= hi; t *= 10) {
    const auto x = num(x_of(t));
    out << "<line x1=\"" << x << "\" y1=\"" << top << "\" x2=\"" << x << "\" y2=\"" << top + height
        << "\" stroke=\"#eee\"/><text x=\"" << x << "\" y=\"" << top + height + 14 << "\" font-size=\"10\">"
        << (t < 1000 ? num(t, "%.0f") + "us" : t < 1e6 ? num(t / 1000, "%.0f") + "ms" : num(t / 1e6, "%.0f") + "s") << "</text>";
  }
  const char* colors[] = {"#3a7bd5", "#d9534f", "#5cb85c", "#f0ad4e", "#6f42c1", "#20c997", "#6c757d", "#e83e8c"};
  int i = 0;
  for (const auto& l : loads) {
    std::uint64_t total = 0;
    for (const auto& b : l.latency_buckets) total += b.count;
    if (!total) continue;
    std::string points;
    std::uint64_t seen = 0;
    for (const auto& b : l.latency_buckets) {
      seen += b.count;
      points += num(x_of(b.upper_us)) + "," + num(top + height - height * double(seen) / total) + " ";
    }
    const char* color = colors[i % 8];
    out << "<polyline class=\"cdf\" fill=\"none\" stroke=\"" << color << "\" points=\"" << points << "\"/>";
    out << "<text x=\"" << left + width + 10 << "\" y=\"" << top + 12 + 14 * (i % 16) << "\" fill=\"" << color
        << "\" font-size=\"11\">" << esc(row_label(l)) << "</text>\n";
    ++i;
  }
  out << "</svg>\n";
}

// One row per cell: its first run with the medians over the repetitions written in.
std::vector<load_row> median_rows(const suite_report& r) {
  std::vector<load_row> out;
  for (const auto& s : r.rows) {
    const auto first = std::find_if(r.loads.begin(), r.loads.end(), [&](const load_row& l) {
      return l.scenario == s.scenario && l.connections == s.connections && l.size == s.size &&
             l.random_sizes == s.random_sizes && l.mode == s.mode;
    });
    if (first == r.loads.end()) continue;
    load_row m = *first;
    m.requests_per_second = s.rps.median;
    m.p50_us = s.p50_us.median;
    m.p99_us = s.p99_us.median;
    m.ratio = s.ratio.median;
    m.ceiling_per_second = s.ceiling_rps.median;
    m.meets_target = s.meets_target;
    m.passed = s.passed && s.thresholds_passed();
    out.push_back(m);
  }
  return out;
}

}  // namespace

std::string to_html(const suite_report& r) {
  std::ostringstream out;
  out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>lc-harness " << esc(r.suite) << " report</title>"
      << "<style>body{font-family:sans-serif;margin:20px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
         "padding:2px 6px;font-size:13px}.pass{color:#2a7d2a}.fail{color:#c00;font-weight:bold}.chart{display:block;"
         "margin:8px 0}.chart text{font-size:12px}.panels{display:flex;gap:24px;flex-wrap:wrap}</style></head><body>\n";
  out << "<h1>lc-harness: " << esc(r.suite) << " suite</h1><p id=\"summary\">" << esc(r.label) << ", " << esc(r.started)
      << "; " << esc(r.machine.cpu_model) << ", " << r.machine.cores << " cores, " << esc(r.machine.kernel)
      << "; result: <b class=\"" << (r.passed() ? "pass\">PASS" : "fail\">FAIL") << "</b></p>\n<p id=\"context\">harness "
      << esc(r.build.commit) << " (" << esc(r.build.build_type) << ", " << esc(r.build.compiler) << "); load average "
      << num(r.load_average_before, "%.2f") << " before, " << num(r.load_average_after, "%.2f") << " after; "
      << r.repetitions << " repetition(s), seed " << r.seed << "</p>\n";
  if (!r.baseline.path.empty()) {
    out << "<h2>Against baseline " << esc(r.baseline.path) << " (" << esc(r.baseline.commit) << ", " << esc(r.baseline.started)
        << ")</h2><p>change of medians, two-sided Mann-Whitney U, significant below p = 0.05; regressions beyond "
           "--fail-on: <b>" << r.baseline.regressions << "</b></p><ul>";
    for (const auto& d : r.baseline.differences) out << "<li class=\"fail\">different " << esc(d) << "</li>";
    out << "</ul><table id=\"baseline\"><tr><th>row</th><th>metric</th><th>baseline</th><th>now</th><th>change</th></tr>\n";
    for (const auto& s : r.rows)
      for (const auto& c : s.changes)
        out << "<tr><td>" << esc(s.key()) << "</td><td>" << c.metric << "</td><td>" << num(c.baseline_median, "%.4g")
            << "</td><td>" << num(c.median, "%.4g") << "</td><td class=\"" << (c.regression ? "fail" : "") << "\">"
            << esc(change_text(c)) << "</td></tr>\n";
    out << "</table>";
  }
  const auto medians = median_rows(r);
  std::vector<const load_row*> threads, processes;
  for (const auto& l : medians) (l.kind == "process" ? processes : threads).push_back(&l);
  const auto rps = [](const load_row& l) { return l.requests_per_second; };
  const auto ceil = [](const load_row& l) { return l.ceiling_per_second; };
  const auto p99 = [](const load_row& l) { return l.p99_us / 1000; };
  const auto ceil_p99 = [](const load_row& l) { return l.ceiling_p99_us / 1000; };
  out << "<h2>Thread and process twins</h2>";
  pairs_chart(out, r.rows);
  scaling_charts(out, r.rows);
  out << "<h2>What a request costs the server, thread against process twin</h2>";
  cost_charts(out, r.rows);
  out << "<h2>Throughput (req/s) against ceilings</h2><div class=\"panels\">";
  const double rps_top = std::max(largest(threads, rps, ceil), largest(processes, rps, ceil));
  const double p99_top = std::max(largest(threads, p99, ceil_p99), largest(processes, p99, ceil_p99));
  bar_chart(out, "throughput-threads", "Threads (scenarios 1-4)", threads, rps, ceil, "req/s", true, rps_top);
  bar_chart(out, "throughput-processes", "Processes (scenarios 5-8)", processes, rps, ceil, "req/s", true, rps_top);
  out << "</div><h2>p99 latency (ms)</h2><div class=\"panels\">";
  bar_chart(out, "p99-threads", "Threads (scenarios 1-4)", threads, p99, ceil_p99, "ms", false, p99_top);
  bar_chart(out, "p99-processes", "Processes (scenarios 5-8)", processes, p99, ceil_p99, "ms", false, p99_top);
  out << "</div><h2>Latency distributions</h2>";
  latency_chart(out, medians);
  offered_load_charts(out, r.rows);
  out << "<h2>Latency spectra, thread (blue) against process twin (orange)</h2>";
  spectra_charts(out, r.loads);
  out << "<h2>Rows: median [" << (r.rows.empty() ? std::string("CI") : ci_name(r.rows.front().rps))
      << " of the median] over " << r.repetitions << " repetition(s)</h2><table id=\"rows\"><tr><th>row</th>"
         "<th>req/s</th><th>p50 ms</th><th>p99 ms</th><th>ratio</th><th>errors</th><th>generator cores</th>"
         "<th>verdict</th></tr>\n";
  for (const auto& s : r.rows) {
    std::string verdict = s.passed && s.thresholds_passed() ? "PASS" : "FAIL";
    for (const auto& t : s.thresholds) verdict += " " + t.spec + (t.passed ? " ok" : " FAILED");
    out << "<tr><td>" << esc(s.key()) << "</td><td>" << with_ci(s.rps, "%.0f") << "</td><td>"
        << with_ci(s.p50_us, "%.3f", 1000) << "</td><td>" << with_ci(s.p99_us, "%.3f", 1000) << "</td><td>"
        << with_ci(s.ratio, "%.2f") << "</td><td>" << s.errors << "</td><td>" << num(s.generator_cpu_share, "%.2f")
        << (s.generator_bound ? " (generator-bound)" : "") << "</td><td class=\"" << (verdict.starts_with("PASS") ? "pass" : "fail")
        << "\">" << esc(verdict) << "</td></tr>\n";
  }
  out << "</table>";
  out << "<h2>Load runs (every repetition)</h2><table id=\"loads\"><tr><th>scenario</th><th>kind</th><th>conns</th><th>size</th><th>req/s</th>"
         "<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>socket</th><th>timeout</th>"
         "<th>non-2xx</th><th>invalid</th><th>server cpu us/req</th><th>server switches/req</th><th>server RSS MiB</th><th>client cpu us/req</th>"
         "<th>ceiling</th><th>ratio</th><th>verdict</th></tr>\n";
  for (const auto& l : r.loads)
    out << "<tr><td>" << l.scenario << "</td><td>" << l.kind << "</td><td>" << l.connections << "</td><td>"
        << (l.random_sizes ? "&lt;=" : "") << l.size << "</td><td>" << num(l.requests_per_second) << "</td><td>"
        << num(l.p50_us / 1000, "%.3f") << "</td><td>" << num(l.p90_us / 1000, "%.3f") << "</td><td>"
        << num(l.p99_us / 1000, "%.3f") << "</td><td>" << num(l.p999_us / 1000, "%.3f") << "</td><td>"
        << num(l.max_us / 1000, "%.3f") << "</td><td>" << l.socket_errors << "</td><td>" << l.timeouts << "</td><td>"
        << l.non_2xx << "</td><td>" << l.invalid_bodies << "</td><td>" << num(l.server_cpu_us_per_request) << "</td><td>"
        << num(l.server_switches_per_request, "%.2f") << "</td><td>" << num(l.server_rss_bytes / 1048576.0) << "</td><td>" << num(l.client_cpu_us_per_request) << "</td><td>"
        << esc(l.ceiling_name) << (l.ceiling_per_second > 0 ? " " + num(l.ceiling_per_second) : "") << "</td><td>"
        << (l.ratio > 0 ? num(l.ratio, "%.2f") + (l.meets_target ? "" : " (target " + num(l.target_ratio, "%.1f") + ")") : "-")
        << "</td><td class=\"" << (l.passed ? "pass\">PASS" : "fail\">FAIL")
        << "</td></tr>\n";
  out << "</table><h2>Teardown and fault checks</h2><table id=\"teardown\"><tr><th>scenario</th><th>check</th>"
         "<th>verdict</th><th>seconds</th><th>detail</th></tr>\n";
  for (const auto& c : r.checks)
    out << "<tr><td>" << c.scenario << "</td><td>" << esc(c.check) << "</td><td class=\""
        << (c.passed ? "pass\">PASS" : "fail\">FAIL") << "</td><td>" << num(c.seconds, "%.3f") << "</td><td>"
        << esc(c.detail) << "</td></tr>\n";
  out << "</table><h2>Ceilings</h2><table id=\"ceilings\"><tr><th>ceiling</th><th>next to scenario</th><th>conns</th><th>size</th><th>per second</th><th>note</th></tr>\n";
  for (const auto& c : r.ceilings)
    out << "<tr><td>" << esc(c.name) << "</td><td>" << (c.scenario ? std::to_string(c.scenario) : "-") << "</td><td>" << c.connections << "</td><td>" << c.size << "</td><td>"
        << (c.available ? num(c.per_second) : "n/a") << "</td><td>" << esc(c.note) << "</td></tr>\n";
  out << "</table>";
  for (const auto& n : r.notes) out << "<p class=\"note\">" << esc(n) << "</p>";
  out << "<h2>Options</h2><table id=\"options\">";
  for (const auto& kv : r.options)
    out << "<tr><td>" << esc(kv.key()) << "</td><td>" << esc(boost::json::serialize(kv.value())) << "</td></tr>";
  out << "</table></body></html>\n";
  return out.str();
}

}  // namespace lc::harness
