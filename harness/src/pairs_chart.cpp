#include "lc_harness/pairs_chart.hpp"

#include "lc_harness/chart_axis.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

#include <algorithm>

namespace lc::harness {

namespace {

bool same_cell(const load_summary& a, const load_summary& b) {
  return a.connections == b.connections && a.size == b.size && a.random_sizes == b.random_sizes && a.mode == b.mode;
}

}  // namespace

std::vector<twin_bar> twin_order(const std::vector<load_summary>& rows) {
  std::vector<twin_bar> out;
  int group = 0;
  for (int thread = 1; thread <= 4; ++thread)
    for (const auto& t : rows) {
      if (t.scenario != thread) continue;
      out.push_back({&t, group});
      for (const auto& p : rows)
        if (p.scenario == thread + 4 && same_cell(t, p)) out.push_back({&p, group});
      ++group;
    }
  for (const auto& p : rows) {  // process rows without a thread twin in this run
    const bool placed = std::any_of(out.begin(), out.end(), [&](const twin_bar& b) { return b.row == &p; });
    if (!placed) out.push_back({&p, group++});
  }
  return out;
}

void pairs_chart(std::ostream& out, const std::vector<load_summary>& rows) {
  const auto bars = twin_order(rows);
  const int bar_h = 18, gap = 10, left = 150, width = 520, top = 30;
  double top_value = 1e-9;
  for (const auto& b : bars)
    top_value = std::max({top_value, b.row->rps.ci_high, b.row->rps.median, b.row->ceiling_rps.median});
  top_value = nice_axis_top(top_value);
  auto x_of = [&](double v) { return left + width * v / top_value; };
  int groups = bars.empty() ? 0 : bars.back().group + 1;
  const int axis_y = top + static_cast<int>(bars.size()) * bar_h + groups * gap;
  out << "<svg id=\"pairs\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + width + 160
      << "\" height=\"" << axis_y + 40 << "\"><text class=\"chart-title\" x=\"4\" y=\"16\">Thread and process twins: "
      << "req/s, median with CI (bar), ceiling (|), target (dashed)</text>\n";
  int y = top, last_group = -1;
  for (const auto& b : bars) {
    if (b.group != last_group && last_group >= 0) y += gap;
    last_group = b.group;
    const auto& s = *b.row;
    const bool thread = s.kind == "thread";
    out << "<g class=\"pair-bar\" data-row=\"" << escape_markup(s.key()) << "\"><text x=\"4\" y=\"" << y + 13 << "\">"
        << escape_markup(s.key()) << "</text><rect class=\"bar\" x=\"" << left << "\" y=\"" << y + 2 << "\" width=\""
        << fixed("%.1f", x_of(s.rps.median) - left) << "\" height=\"" << bar_h - 4 << "\" fill=\""
        << (!s.passed ? "#d9534f" : thread ? "#3a7bd5" : "#f0ad4e") << "\"/>";
    if (s.rps.n > 1)
      out << "<line class=\"ci\" x1=\"" << fixed("%.1f", x_of(s.rps.ci_low)) << "\" x2=\"" << fixed("%.1f", x_of(s.rps.ci_high))
          << "\" y1=\"" << y + bar_h / 2 << "\" y2=\"" << y + bar_h / 2 << "\" stroke=\"#222\" stroke-width=\"1.5\"/>";
    if (s.ceiling_rps.n > 0) {
      const auto cx = fixed("%.1f", x_of(s.ceiling_rps.median));
      out << "<line class=\"ceiling-mark\" x1=\"" << cx << "\" x2=\"" << cx << "\" y1=\"" << y << "\" y2=\"" << y + bar_h
          << "\" stroke=\"#555\" stroke-width=\"2\"><title>" << escape_markup(s.ceiling_name) << " "
          << fixed("%.0f", s.ceiling_rps.median) << " req/s</title></line>";
      const auto tx = fixed("%.1f", x_of(s.target_ratio * s.ceiling_rps.median));
      out << "<line class=\"target\" x1=\"" << tx << "\" x2=\"" << tx << "\" y1=\"" << y << "\" y2=\"" << y + bar_h
          << "\" stroke=\"#2a7d2a\" stroke-dasharray=\"2,2\"/>";
    }
    out << "<text x=\"" << left + width + 6 << "\" y=\"" << y + 13 << "\">" << with_ci(s.rps, "%.0f")
        << (s.ratio.n ? " (" + fixed("%.2f", s.ratio.median) + "x)" : "") << "</text></g>\n";
    y += bar_h;
  }
  x_axis(out, left, width, axis_y, top_value, "%.0f", "requests per second");
  out << "</svg>\n";
}

}  // namespace lc::harness
