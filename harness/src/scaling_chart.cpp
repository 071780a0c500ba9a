#include "lc_harness/scaling_chart.hpp"

#include "lc_harness/chart_axis.hpp"
#include "lc_harness/line_panel.hpp"

#include <algorithm>
#include <set>

namespace lc::harness {

namespace {

// Rows of one scenario and size as points on the given x categories; `value` picks the figure.
std::vector<line_point> points_of(const std::vector<load_summary>& rows, int scenario, int size,
                                  const std::function<int(const load_summary&)>& x_index,
                                  const std::function<sample_summary(const load_summary&)>& value) {
  std::vector<line_point> out;
  for (const auto& r : rows)
    if (r.scenario == scenario && r.size == size && !r.random_sizes)
      if (const int i = x_index(r); i >= 0) out.push_back({static_cast<std::size_t>(i), value(r)});
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.x < b.x; });
  return out;
}

int share_of(const std::string& mode) {
  if (!mode.starts_with("open ") || !mode.ends_with("%")) return -1;
  return std::stoi(mode.substr(5));
}

// One panel per twin pair and size with any points; all on one y axis.
void panels(std::ostream& out, const std::vector<load_summary>& rows, line_panel shape,
            const std::function<int(const load_summary&)>& x_index,
            const std::function<sample_summary(const load_summary&)>& value, double scale) {
  std::set<int> sizes;
  double top = 0.0;
  for (const auto& r : rows)
    if (x_index(r) >= 0) {
      sizes.insert(r.size);
      top = std::max({top, value(r).ci_high / scale, value(r).median / scale});
    }
  shape.y_top = nice_axis_top(top);
  auto scaled = [&](const load_summary& r) {
    auto s = value(r);
    s.median /= scale, s.ci_low /= scale, s.ci_high /= scale;
    return s;
  };
  for (int thread = 1; thread <= 4; ++thread)
    for (int size : sizes) {
      auto p = shape;
      p.pair = "S" + std::to_string(thread) + "/S" + std::to_string(thread + 4) + " s" + std::to_string(size);
      p.thread = points_of(rows, thread, size, x_index, scaled);
      p.process = points_of(rows, thread + 4, size, x_index, scaled);
      if (p.thread.size() + p.process.size() >= 2) draw(out, p);
    }
}

}  // namespace

void scaling_charts(std::ostream& out, const std::vector<load_summary>& rows) {
  std::set<int> connections;
  for (const auto& r : rows)
    if (!r.random_sizes && r.mode == "closed") connections.insert(r.connections);
  if (connections.size() < 2) return;
  const std::vector<int> xs(connections.begin(), connections.end());
  line_panel shape{"scaling", "", "req/s against connections", {}, "connections", "req/s"};
  for (int c : xs) shape.x_labels.push_back(std::to_string(c));
  auto x_index = [&](const load_summary& r) {
    if (r.random_sizes || r.mode != "closed") return -1;
    return static_cast<int>(std::find(xs.begin(), xs.end(), r.connections) - xs.begin());
  };
  out << "<h2>Throughput against connections, thread (blue) and process twin (orange)</h2><div class=\"panels\" id=\"scaling\">";
  panels(out, rows, shape, x_index, [](const load_summary& r) { return r.rps; }, 1.0);
  out << "</div>\n";
}

void offered_load_charts(std::ostream& out, const std::vector<load_summary>& rows) {
  std::set<int> shares;
  for (const auto& r : rows)
    if (share_of(r.mode) > 0) shares.insert(share_of(r.mode));
  if (shares.empty()) return;
  const std::vector<int> xs(shares.begin(), shares.end());
  line_panel shape{"offered-load", "", "p99 against offered load", {}, "share of closed-loop rate", "p99 ms"};
  for (int s : xs) shape.x_labels.push_back(std::to_string(s) + "%");
  out << "<h2>Latency against offered load (open loop), thread (blue) and process twin (orange)</h2>"
         "<div class=\"panels\" id=\"offered-load\">";
  // One connection count per chart set: the first with open-loop rows.
  std::set<int> connections;
  for (const auto& r : rows)
    if (share_of(r.mode) > 0) connections.insert(r.connections);
  for (int c : connections) {
    auto x_index = [&, c](const load_summary& r) {
      const int s = share_of(r.mode);
      if (s <= 0 || r.connections != c) return -1;
      return static_cast<int>(std::find(xs.begin(), xs.end(), s) - xs.begin());
    };
    auto named = shape;
    named.title += ", c" + std::to_string(c);
    panels(out, rows, named, x_index, [](const load_summary& r) { return r.p99_us; }, 1000.0);
  }
  out << "</div>\n";
}

}  // namespace lc::harness
