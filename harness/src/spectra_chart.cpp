#include "lc_harness/spectra_chart.hpp"

#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

#include <algorithm>
#include <cmath>

namespace lc::harness {

namespace {

constexpr int width = 240, height = 150, left = 46, top = 22, max_nines = 4;

const load_row* first_run(const std::vector<load_row>& runs, int scenario, const load_row& cell) {
  for (const auto& r : runs)
    if (r.scenario == scenario && r.repetition == 1 && r.connections == cell.connections && r.size == cell.size &&
        r.random_sizes == cell.random_sizes && r.mode == cell.mode && !r.latency_buckets.empty())
      return &r;
  return nullptr;
}

std::string latency_label(double us) {
  return us < 1000 ? fixed("%.0f", us) + "us" : us < 1e6 ? fixed("%.0f", us / 1000) + "ms" : fixed("%.0f", us / 1e6) + "s";
}

struct axis {
  double lo_decade, hi_decade;
  double y_of(double us) const {
    const double d = std::log10(std::max(us, 1.0));
    return top + height - height * (d - lo_decade) / std::max(hi_decade - lo_decade, 1.0);
  }
};

std::string points(const load_row& run, const axis& a) {
  std::uint64_t total = 0, seen = 0;
  for (const auto& b : run.latency_buckets) total += b.count;
  std::string out;
  for (const auto& b : run.latency_buckets) {
    seen += b.count;
    const double tail = 1.0 - static_cast<double>(seen) / static_cast<double>(total);
    const double nines = std::min<double>(max_nines, tail > 0 ? std::log10(1 / tail) : max_nines);
    out += fixed("%.1f", left + width * nines / max_nines) + "," + fixed("%.1f", a.y_of(b.upper_us)) + " ";
  }
  return out;
}

void panel(std::ostream& out, const load_row& thread, const load_row* process, const axis& a) {
  std::string title = "S" + std::to_string(thread.scenario) + (process ? "/S" + std::to_string(process->scenario) : "") +
                      " c" + std::to_string(thread.connections) + " s" + (thread.random_sizes ? "<=" : "") +
                      std::to_string(thread.size) + (thread.mode == "closed" ? "" : " " + thread.mode);
  out << "<svg class=\"chart spectrum\" data-pair=\"" << escape_markup(title) << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << left + width + 30 << "\" height=\"" << top + height + 34 << "\"><text class=\"chart-title\" x=\"4\" y=\"14\">"
      << escape_markup(title) << " latency by percentile</text>";
  for (double d = a.lo_decade; d <= a.hi_decade; ++d)
    out << "<line x1=\"" << left << "\" x2=\"" << left + width << "\" y1=\"" << fixed("%.1f", a.y_of(std::pow(10, d)))
        << "\" y2=\"" << fixed("%.1f", a.y_of(std::pow(10, d))) << "\" stroke=\"#eee\"/><text x=\"2\" y=\""
        << fixed("%.1f", a.y_of(std::pow(10, d)) + 4) << "\" font-size=\"10\">" << latency_label(std::pow(10, d)) << "</text>";
  const char* percent[] = {"p0", "p90", "p99", "p99.9", "p99.99"};
  for (int n = 0; n <= max_nines; ++n)
    out << "<text x=\"" << left + width * n / max_nines - 8 << "\" y=\"" << top + height + 14 << "\" font-size=\"10\">"
        << percent[n] << "</text>";
  out << "<text class=\"axis-label\" x=\"" << left + width / 2 - 40 << "\" y=\"" << top + height + 28
      << "\" font-size=\"10\">percentile, 1/(1-p) log</text>";
  out << "<polyline class=\"spectrum-thread\" fill=\"none\" stroke=\"#3a7bd5\" points=\"" << points(thread, a) << "\"/>";
  if (process)
    out << "<polyline class=\"spectrum-process\" fill=\"none\" stroke=\"#f0ad4e\" points=\"" << points(*process, a) << "\"/>";
  out << "</svg>\n";
}

}  // namespace

void spectra_charts(std::ostream& out, const std::vector<load_row>& runs) {
  double lo = 1e18, hi = 1.0;
  for (const auto& r : runs)
    for (const auto& b : r.latency_buckets) {
      lo = std::min(lo, b.upper_us);
      hi = std::max(hi, b.upper_us);
    }
  const axis a{std::floor(std::log10(std::max(lo, 1.0))), std::ceil(std::log10(hi))};
  out << "<div class=\"panels\" id=\"spectra\">";
  for (const auto& r : runs) {
    if (r.kind != "thread" || r.scenario > 4 || r.repetition != 1 || r.latency_buckets.empty()) continue;
    panel(out, r, first_run(runs, r.scenario + 4, r), a);
  }
  out << "</div>\n";
}

}  // namespace lc::harness
