#include "lc_harness/chart_axis.hpp"

#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

#include <cmath>
#include <initializer_list>

namespace lc::harness {

double nice_axis_top(double v) {
  if (!(v > 0)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0})
    if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

void x_axis(std::ostream& out, int left, int width, int y, double top_value, const char* tick_format,
            const std::string& label) {
  out << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << left + width << "\" y2=\"" << y
      << "\" stroke=\"#333\"/>";
  for (int q = 0; q <= 4; ++q) {
    const double x = left + width * q / 4.0;
    out << "<line x1=\"" << fixed("%.1f", x) << "\" y1=\"" << y << "\" x2=\"" << fixed("%.1f", x) << "\" y2=\""
        << y + 4 << "\" stroke=\"#333\"/><text class=\"tick\" x=\"" << fixed("%.1f", x - 12) << "\" y=\"" << y + 16
        << "\" font-size=\"10\">" << fixed(tick_format, top_value * q / 4) << "</text>";
  }
  out << "<text class=\"axis-label\" x=\"" << left + width / 2 - 30 << "\" y=\"" << y + 32 << "\" font-size=\"11\">"
      << escape_markup(label) << "</text>";
}

}  // namespace lc::harness
