#include "lc_harness/load_summary.hpp"

#include "lc_harness/suite_report.hpp"

#include <algorithm>
#include <tuple>

namespace lc::harness {

bool load_summary::thresholds_passed() const {
  return std::all_of(thresholds.begin(), thresholds.end(), [](auto& t) { return t.passed; });
}

std::string load_summary::key() const {
  return "S" + std::to_string(scenario) + " " + kind + " c" + std::to_string(connections) + " s" +
         (random_sizes ? "<=" : "") + std::to_string(size) + (mode == "closed" ? "" : " " + mode);
}

std::vector<load_summary> summarize_loads(const std::vector<load_row>& runs) {
  std::vector<load_summary> out;
  std::vector<std::vector<const load_row*>> groups;
  for (const auto& r : runs) {
    auto same = [&](const load_summary& s) {
      return s.scenario == r.scenario && s.kind == r.kind && s.connections == r.connections && s.size == r.size &&
             s.random_sizes == r.random_sizes && s.mode == r.mode;
    };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it == out.end()) {
      load_summary s;
      s.scenario = r.scenario;
      s.kind = r.kind;
      s.connections = r.connections;
      s.size = r.size;
      s.random_sizes = r.random_sizes;
      s.mode = r.mode;
      out.push_back(s);
      groups.emplace_back();
      it = out.end() - 1;
    }
    groups[static_cast<std::size_t>(it - out.begin())].push_back(&r);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& s = out[i];
    std::vector<double> rps, p50, p99, ratio, ceiling, cpu, switches, rss;
    s.passed = true;
    for (const auto* r : groups[i]) {
      rps.push_back(r->requests_per_second);
      p50.push_back(r->p50_us);
      p99.push_back(r->p99_us);
      cpu.push_back(r->server_cpu_us_per_request);
      switches.push_back(r->server_switches_per_request);
      rss.push_back(static_cast<double>(r->server_rss_bytes) / (1 << 20));
      if (r->ceiling_per_second > 0) ratio.push_back(r->ratio);
      if (r->ceiling_per_second > 0) ceiling.push_back(r->ceiling_per_second);
      s.good += r->good;
      s.late += r->late;
      s.dropped += r->dropped;
      s.errors += r->socket_errors + r->timeouts + r->non_2xx + r->invalid_bodies;
      s.generator_cpu_share = std::max(s.generator_cpu_share, r->client_cpu_share);
      s.passed = s.passed && r->passed;
      if (s.detail.empty() && !r->detail.empty()) s.detail = "repetition " + std::to_string(r->repetition) + ": " + r->detail;
      if (!r->ceiling_name.empty()) s.ceiling_name = r->ceiling_name;
      s.target_ratio = std::max(s.target_ratio, r->target_ratio);
    }
    s.rps = summarize(rps);
    s.p50_us = summarize(p50);
    s.p99_us = summarize(p99);
    s.ratio = summarize(ratio);
    s.ceiling_rps = summarize(ceiling);
    s.server_cpu_us = summarize(cpu);
    s.server_switches = summarize(switches);
    s.server_rss_mib = summarize(rss);
    s.generator_bound = s.generator_cpu_share > generator_bound_cores;
    s.meets_target = s.ratio.n > 0 && s.ratio.median >= s.target_ratio;
  }
  std::stable_sort(out.begin(), out.end(), [](const load_summary& a, const load_summary& b) {
    return std::tie(a.scenario, a.mode, a.connections, a.size, a.random_sizes) <
           std::tie(b.scenario, b.mode, b.connections, b.size, b.random_sizes);
  });
  return out;
}

}  // namespace lc::harness
