#include "lc_harness/cost_chart.hpp"

#include "lc_harness/chart_axis.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/pairs_chart.hpp"
#include "lc_harness/summary_text.hpp"

#include <algorithm>
#include <functional>
#include <string>

namespace lc::harness {
namespace {

using metric = std::function<const sample_summary&(const load_summary&)>;

void cost_panel(std::ostream& out, const std::string& id, const std::string& title, const std::string& unit,
                const std::vector<twin_bar>& bars, const metric& value_of) {
  const int bar_h = 16, gap = 8, left = 150, width = 260, top = 30;
  double top_value = 0.0;
  for (const auto& b : bars) top_value = std::max({top_value, value_of(*b.row).median, value_of(*b.row).ci_high});
  top_value = nice_axis_top(top_value > 0 ? top_value : 1.0);
  auto x_of = [&](double v) { return left + width * v / top_value; };
  const int groups = bars.empty() ? 0 : bars.back().group + 1;
  const int axis_y = top + static_cast<int>(bars.size()) * bar_h + groups * gap;
  out << "<svg id=\"" << id << "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + width + 90
      << "\" height=\"" << axis_y + 40 << "\"><text class=\"chart-title\" x=\"4\" y=\"16\">" << escape_markup(title)
      << "</text>\n";
  int y = top, last_group = -1;
  for (const auto& b : bars) {
    if (b.group != last_group && last_group >= 0) y += gap;
    last_group = b.group;
    const auto& s = value_of(*b.row);
    out << "<g class=\"cost-bar\" data-row=\"" << escape_markup(b.row->key()) << "\"><text x=\"4\" y=\"" << y + 12
        << "\" font-size=\"11\">" << escape_markup(b.row->key()) << "</text><rect x=\"" << left << "\" y=\"" << y + 2
        << "\" width=\"" << fixed("%.1f", x_of(s.median) - left) << "\" height=\"" << bar_h - 4 << "\" fill=\""
        << (b.row->kind == "thread" ? "#3a7bd5" : "#f0ad4e") << "\"/>";
    if (s.n > 1)
      out << "<line class=\"ci\" x1=\"" << fixed("%.1f", x_of(s.ci_low)) << "\" x2=\"" << fixed("%.1f", x_of(s.ci_high))
          << "\" y1=\"" << y + bar_h / 2 << "\" y2=\"" << y + bar_h / 2 << "\" stroke=\"#222\"/>";
    out << "<text x=\"" << left + width + 6 << "\" y=\"" << y + 12 << "\" font-size=\"11\">" << fixed("%.2f", s.median)
        << "</text></g>\n";
    y += bar_h;
  }
  x_axis(out, left, width, axis_y, top_value, "%g", unit);
  out << "</svg>\n";
}

}  // namespace

void cost_charts(std::ostream& out, const std::vector<load_summary>& rows) {
  const auto bars = twin_order(rows);
  out << "<div class=\"panels\">";
  cost_panel(out, "cost-cpu", "Server CPU per request", "µs per request", bars,
             [](const load_summary& s) -> const sample_summary& { return s.server_cpu_us; });
  cost_panel(out, "cost-switches", "Context switches per request", "switches per request (lower bound)", bars,
             [](const load_summary& s) -> const sample_summary& { return s.server_switches; });
  cost_panel(out, "cost-rss", "Server tree resident memory", "MiB after the run", bars,
             [](const load_summary& s) -> const sample_summary& { return s.server_rss_mib; });
  out << "</div>";
}

}  // namespace lc::harness
