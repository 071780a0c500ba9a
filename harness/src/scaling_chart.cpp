#include "lc_harness/scaling_chart.hpp"

#include "lc_harness/chart_axis.hpp"
#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

#include <algorithm>
#include <set>

namespace lc::harness {

namespace {

constexpr int width = 220, height = 140, left = 50, top = 22;

std::vector<const load_summary*> line_of(const std::vector<load_summary>& rows, int scenario, int size) {
  std::vector<const load_summary*> out;
  for (const auto& r : rows)
    if (r.scenario == scenario && r.size == size && !r.random_sizes && r.mode == "closed") out.push_back(&r);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->connections < b->connections; });
  return out;
}

}  // namespace

void scaling_charts(std::ostream& out, const std::vector<load_summary>& rows) {
  std::set<int> connections, sizes;
  double top_value = 0.0;
  for (const auto& r : rows) {
    if (r.random_sizes || r.mode != "closed") continue;
    connections.insert(r.connections);
    sizes.insert(r.size);
    top_value = std::max({top_value, r.rps.ci_high, r.rps.median});
  }
  if (connections.size() < 2) return;
  top_value = nice_axis_top(top_value);
  const std::vector<int> xs(connections.begin(), connections.end());
  auto x_of = [&](int c) {
    const auto i = std::find(xs.begin(), xs.end(), c) - xs.begin();
    return left + width * static_cast<double>(i) / static_cast<double>(xs.size() - 1);
  };
  auto y_of = [&](double v) { return top + height - height * v / top_value; };
  out << "<div class=\"panels\" id=\"scaling\">";
  for (int thread = 1; thread <= 4; ++thread)
    for (int size : sizes) {
      const auto t = line_of(rows, thread, size), p = line_of(rows, thread + 4, size);
      if (t.size() + p.size() < 2) continue;
      const auto title = "S" + std::to_string(thread) + "/S" + std::to_string(thread + 4) + " s" + std::to_string(size);
      out << "<svg class=\"chart scaling\" data-pair=\"" << escape_markup(title) << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
          << left + width + 20 << "\" height=\"" << top + height + 36 << "\"><text class=\"chart-title\" x=\"4\" y=\"14\">"
          << escape_markup(title) << ": req/s against connections</text>";
      for (int q = 0; q <= 4; ++q)
        out << "<line x1=\"" << left << "\" x2=\"" << left + width << "\" y1=\"" << fixed("%.1f", y_of(top_value * q / 4))
            << "\" y2=\"" << fixed("%.1f", y_of(top_value * q / 4)) << "\" stroke=\"#eee\"/><text x=\"2\" y=\""
            << fixed("%.1f", y_of(top_value * q / 4) + 4) << "\" font-size=\"10\">" << fixed("%.0f", top_value * q / 4)
            << "</text>";
      for (int c : xs)
        out << "<text x=\"" << fixed("%.1f", x_of(c) - 6) << "\" y=\"" << top + height + 14 << "\" font-size=\"10\">" << c
            << "</text>";
      out << "<text class=\"axis-label\" x=\"" << left + width / 2 - 30 << "\" y=\"" << top + height + 28
          << "\" font-size=\"10\">connections</text>";
      for (const auto* line : {&t, &p}) {
        if (line->empty()) continue;
        const bool is_thread = line == &t;
        std::string points;
        for (const auto* r : *line) {
          points += fixed("%.1f", x_of(r->connections)) + "," + fixed("%.1f", y_of(r->rps.median)) + " ";
          if (r->rps.n > 1)
            out << "<line class=\"ci\" x1=\"" << fixed("%.1f", x_of(r->connections)) << "\" x2=\""
                << fixed("%.1f", x_of(r->connections)) << "\" y1=\"" << fixed("%.1f", y_of(r->rps.ci_low)) << "\" y2=\""
                << fixed("%.1f", y_of(r->rps.ci_high)) << "\" stroke=\"#222\"/>";
        }
        out << "<polyline class=\"" << (is_thread ? "scaling-thread" : "scaling-process") << "\" fill=\"none\" stroke=\""
            << (is_thread ? "#3a7bd5" : "#f0ad4e") << "\" stroke-width=\"2\" points=\"" << points << "\"/>";
      }
      out << "</svg>\n";
    }
  out << "</div>\n";
}

}  // namespace lc::harness
