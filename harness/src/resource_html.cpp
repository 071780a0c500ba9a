// The HTML report of resource mode: self-contained (inline SVG), the rows as median [CI], a chart
// of reads/s and writes/s per row against their ceilings, the thresholds and the checks.
#include "lc_harness/chart_axis.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/resource_report.hpp"
#include "lc_harness/summary_text.hpp"

#include <algorithm>
#include <sstream>

namespace lc::harness {

namespace {

std::string esc(const std::string& s) { return escape_markup(s); }

struct bar {
  const char* what;
  const sample_summary* value;
  const sample_summary* ceiling;
  const sample_summary* ratio;
  const char* colour;
};

// Per row a reads/s and a writes/s bar (median, CI as an error bar) on one axis, its ceiling as a mark.
void resource_chart(std::ostream& out, const std::vector<resource_row>& rows) {
  const int bar_h = 16, gap = 10, left = 170, width = 480, top = 30;
  std::vector<std::pair<const resource_row*, bar>> bars;
  double top_value = 1e-9;
  for (const auto& s : rows)
    for (const auto& b : {bar{"reads/s", &s.reads, &s.read_ceiling, &s.read_ratio, "#3a7bd5"},
                          bar{"writes/s", &s.writes, &s.write_ceiling, &s.write_ratio, "#f0ad4e"}}) {
      bars.push_back({&s, b});
      top_value = std::max({top_value, b.value->median, b.value->ci_high, b.ceiling->median});
    }
  top_value = nice_axis_top(top_value);
  auto x_of = [&](double v) { return fixed("%.1f", left + width * v / top_value); };
  const int axis_y = top + static_cast<int>(bars.size()) * bar_h + static_cast<int>(rows.size()) * gap;
  out << "<svg id=\"resource-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << left + width + 190 << "\" height=\"" << axis_y + 40 << "\"><text x=\"4\" y=\"16\">reads/s and writes/s per row: median with CI "
      << "(bar), the ceiling measured after each run (|)</text>\n";
  int y = top;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& [row, b] = bars[i];
    if (i && bars[i - 1].first != row) y += gap;
    out << "<g class=\"resource-bar\" data-row=\"" << esc(resource_key(*row)) << "\"><text x=\"4\" y=\"" << y + 12
        << "\">" << esc(resource_key(*row)) << " " << b.what << "</text><rect x=\"" << left << "\" y=\"" << y + 2
        << "\" width=\"" << fixed("%.1f", width * b.value->median / top_value) << "\" height=\"" << bar_h - 4
        << "\" fill=\"" << (resource_row_failure(*row).empty() ? b.colour : "#d9534f") << "\"/>";
    if (b.value->n > 1)
      out << "<line x1=\"" << x_of(b.value->ci_low) << "\" x2=\"" << x_of(b.value->ci_high) << "\" y1=\""
          << y + bar_h / 2 << "\" y2=\"" << y + bar_h / 2 << "\" stroke=\"#222\"/>";
    const bool ceiling = b.ceiling->median > 0;
    if (ceiling)
      out << "<line class=\"ceiling-mark\" x1=\"" << x_of(b.ceiling->median) << "\" x2=\"" << x_of(b.ceiling->median)
          << "\" y1=\"" << y << "\" y2=\"" << y + bar_h << "\" stroke=\"#555\" stroke-width=\"2\"><title>ceiling "
          << fixed("%.0f", b.ceiling->median) << "/s</title></line>";
    out << "<text x=\"" << left + width + 6 << "\" y=\"" << y + 12 << "\">" << with_ci(*b.value, "%.0f")
        << (ceiling ? " (" + fixed("%.2f", b.ratio->median) + "x of " + fixed("%.0f", b.ceiling->median) + ")" : "")
        << "</text></g>\n";
    y += bar_h;
  }
  x_axis(out, left, width, axis_y, top_value, "%.0f", "per second");
  out << "</svg>\n";
}

}  // namespace

std::string resource_to_html(const resource_report& r) {
  std::ostringstream out;
  out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>lc-harness resource report</title><style>"
      << "body{font-family:sans-serif;margin:20px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
      << "padding:2px 6px;font-size:13px}.fail{color:#c00;font-weight:bold}.chart text{font-size:12px}"
      << "</style></head><body>\n<h1>lc-harness: resource mode</h1><p id=\"summary\">test_server_resource, "
      << esc(r.started) << "; " << esc(r.machine.cpu_model) << ", " << r.machine.cores << " cores; harness "
      << esc(r.build.commit) << " (" << esc(r.build.build_type) << "); load " << fixed("%.2f", r.load_average_before)
      << " → " << fixed("%.2f", r.load_average_after) << "; " << r.repetitions << " repetition(s), seed " << r.seed
      << "; result: <b class=\"" << (r.passed() ? "pass\">PASS" : "fail\">FAIL") << "</b></p>\n";
  resource_chart(out, r.rows);
  out << "<table id=\"resource-rows\"><tr><th>row</th><th>req/s</th><th>reads/s</th><th>writes/s</th><th>p50 ms</th>"
      << "<th>p99 ms</th><th>errors</th><th>write ceil/s</th><th>read ceil/s</th><th>write ratio</th>"
      << "<th>read ratio</th><th>verdict</th></tr>\n";
  for (const auto& s : r.rows) {
    const auto why = resource_row_failure(s);
    out << "<tr><td>" << esc(resource_key(s)) << "</td>";
    for (const auto& cell : {with_ci(s.rps, "%.0f"), with_ci(s.reads, "%.0f"), with_ci(s.writes, "%.0f"),
                             with_ci(s.p50, "%.3f", 1000), with_ci(s.p99, "%.3f", 1000), std::to_string(s.errors),
                             resource_ceiling_text(s.write_ceiling), resource_ceiling_text(s.read_ceiling),
                             resource_ratio_text(s.write_ratio, s.write_ceiling),
                             resource_ratio_text(s.read_ratio, s.read_ceiling)})
      out << "<td>" << esc(cell) << "</td>";
    out << "<td class=\"" << (why.empty() ? "pass\">PASS" : "fail\">FAIL: " + esc(why)) << "</td></tr>\n";
  }
  out << "</table>\n<h2>Thresholds and checks</h2><ul id=\"resource-checks\">\n";
  for (const auto& s : r.rows)
    for (const auto& t : s.thresholds)
      out << "<li class=\"" << (t.passed ? "pass\">PASS" : "fail\">FAIL") << " threshold " << esc(t.spec) << " "
          << esc(resource_key(s)) << ": value " << fixed("%g", t.value) << "</li>\n";
  for (const auto& run : r.runs) {
    out << "<li class=\"" << (run.errors ? "fail\">FAIL" : "pass\">PASS") << " replies " << esc(resource_run_name(run))
        << ": " << run.reads << " reads, " << run.writes << " writes validated, " << run.errors << " errors</li>\n";
    if (run.teardown)
      out << "<li class=\"" << (run.teardown->passed ? "pass\">PASS" : "fail\">FAIL") << " teardown "
          << esc(resource_run_name(run)) << ": " << esc(run.teardown->detail) << "</li>\n";
  }
  for (const auto& n : r.notes) out << "<li>note: " << esc(n) << "</li>\n";
  out << "</ul></body></html>\n";
  return out.str();
}

}  // namespace lc::harness
