#include "lc_harness/line_panel.hpp"

#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

namespace lc::harness {

namespace {

constexpr int width = 220, height = 140, left = 50, top = 22;

void series(std::ostream& out, const line_panel& p, const std::vector<line_point>& points, bool thread) {
  if (points.empty()) return;
  auto x_of = [&](std::size_t i) {
    return left + (p.x_labels.size() > 1 ? width * static_cast<double>(i) / static_cast<double>(p.x_labels.size() - 1) : 0.0);
  };
  auto y_of = [&](double v) { return top + height - height * v / p.y_top; };
  std::string line;
  for (const auto& pt : points) {
    line += fixed("%.1f", x_of(pt.x)) + "," + fixed("%.1f", y_of(pt.y.median)) + " ";
    if (pt.y.n > 1)
      out << "<line class=\"ci\" x1=\"" << fixed("%.1f", x_of(pt.x)) << "\" x2=\"" << fixed("%.1f", x_of(pt.x)) << "\" y1=\""
          << fixed("%.1f", y_of(pt.y.ci_low)) << "\" y2=\"" << fixed("%.1f", y_of(pt.y.ci_high)) << "\" stroke=\"#222\"/>";
  }
  out << "<polyline class=\"" << p.css_class << (thread ? "-thread" : "-process") << "\" fill=\"none\" stroke=\""
      << (thread ? "#3a7bd5" : "#f0ad4e") << "\" stroke-width=\"2\" points=\"" << line << "\"/>";
}

}  // namespace

void draw(std::ostream& out, const line_panel& p) {
  out << "<svg class=\"chart " << p.css_class << "\" data-pair=\"" << escape_markup(p.pair)
      << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + width + 20 << "\" height=\"" << top + height + 36
      << "\"><text class=\"chart-title\" x=\"4\" y=\"14\">" << escape_markup(p.pair + ": " + p.title) << "</text>";
  for (int q = 0; q <= 4; ++q) {
    const auto y = fixed("%.1f", top + height - height * q / 4.0);
    out << "<line x1=\"" << left << "\" x2=\"" << left + width << "\" y1=\"" << y << "\" y2=\"" << y
        << "\" stroke=\"#eee\"/><text x=\"2\" y=\"" << y << "\" font-size=\"10\">"
        << fixed(p.y_top >= 100 ? "%.0f" : "%.3g", p.y_top * q / 4) << "</text>";
  }
  for (std::size_t i = 0; i < p.x_labels.size(); ++i) {
    const double x = left + (p.x_labels.size() > 1 ? width * static_cast<double>(i) / static_cast<double>(p.x_labels.size() - 1) : 0.0);
    out << "<text x=\"" << fixed("%.1f", x - 6) << "\" y=\"" << top + height + 14 << "\" font-size=\"10\">"
        << escape_markup(p.x_labels[i]) << "</text>";
  }
  out << "<text class=\"axis-label\" x=\"" << left + width / 2 - 30 << "\" y=\"" << top + height + 28
      << "\" font-size=\"10\">" << escape_markup(p.x_axis) << " (y: " << escape_markup(p.y_unit) << ")</text>";
  series(out, p, p.thread, true);
  series(out, p, p.process, false);
  out << "</svg>\n";
}

}  // namespace lc::harness
