#include "lc_harness/report_writers.hpp"

#include <boost/json.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lc::harness {

namespace json = boost::json;

std::string to_json(const suite_report& r) {
  json::object root;
  root["suite"] = r.suite;
  root["label"] = r.label;
  root["started"] = r.started;
  root["passed"] = r.passed();
  root["machine"] = {{"cpu_model", r.machine.cpu_model}, {"cores", r.machine.cores},
                     {"kernel", r.machine.kernel}, {"hostname", r.machine.hostname}};
  json::object opts;
  for (const auto& [k, v] : r.options) opts[k] = v;
  root["options"] = std::move(opts);
  json::array loads;
  for (const auto& l : r.loads) {
    json::array buckets;
    for (const auto& b : l.latency_buckets) buckets.push_back(json::array{b.upper_us, b.count});
    loads.push_back(json::object{
        {"scenario", l.scenario}, {"kind", l.kind}, {"connections", l.connections}, {"size", l.size},
        {"random_sizes", l.random_sizes}, {"good", l.good}, {"socket_errors", l.socket_errors},
        {"timeouts", l.timeouts}, {"non_2xx", l.non_2xx}, {"invalid_bodies", l.invalid_bodies},
        {"requests_per_second", l.requests_per_second}, {"p50_us", l.p50_us}, {"p90_us", l.p90_us},
        {"p99_us", l.p99_us}, {"p999_us", l.p999_us}, {"max_us", l.max_us},
        {"server_cpu_seconds", l.server_cpu_seconds}, {"server_cpu_us_per_request", l.server_cpu_us_per_request},
        {"server_rss_bytes", l.server_rss_bytes}, {"server_processes", l.server_processes},
        {"client_cpu_us_per_request", l.client_cpu_us_per_request}, {"ceiling", l.ceiling_name},
        {"ceiling_per_second", l.ceiling_per_second}, {"ratio", l.ratio}, {"target_ratio", l.target_ratio},
        {"meets_target", l.meets_target}, {"passed", l.passed},
        {"detail", l.detail}, {"latency_buckets_us", std::move(buckets)}});
  }
  root["loads"] = std::move(loads);
  json::array checks;
  for (const auto& c : r.checks)
    checks.push_back(json::object{{"scenario", c.scenario}, {"check", c.check}, {"passed", c.passed},
                                  {"seconds", c.seconds}, {"detail", c.detail}});
  root["checks"] = std::move(checks);
  json::array ceilings;
  for (const auto& c : r.ceilings)
    ceilings.push_back(json::object{{"name", c.name}, {"scenario", c.scenario}, {"connections", c.connections}, {"size", c.size},
                                    {"per_second", c.per_second}, {"p99_us", c.p99_us},
                                    {"available", c.available}, {"note", c.note}});
  root["ceilings"] = std::move(ceilings);
  json::array notes;
  for (const auto& n : r.notes) notes.push_back(json::string(n));
  root["notes"] = std::move(notes);
  return json::serialize(root) + "\n";
}

namespace {
std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

std::string to_csv(const suite_report& r) {
  std::ostringstream out;
  const std::string machine = csv_field(r.machine.cpu_model) + "," + std::to_string(r.machine.cores) + "," +
                              csv_field(r.machine.kernel);
  out << "record,suite,label,cpu_model,cores,kernel,scenario,kind,name,connections,size,random_sizes,good,"
         "socket_errors,timeouts,non_2xx,invalid_bodies,per_second,p50_us,p90_us,p99_us,p999_us,max_us,"
         "server_cpu_us_per_request,server_rss_bytes,client_cpu_us_per_request,ceiling,ceiling_per_second,ratio,"
         "verdict,seconds,detail\n";
  const std::string head = csv_field(r.suite) + "," + csv_field(r.label) + "," + machine + ",";
  for (const auto& l : r.loads)
    out << "load," << head << l.scenario << "," << l.kind << ",," << l.connections << "," << l.size << ","
        << l.random_sizes << "," << l.good << "," << l.socket_errors << "," << l.timeouts << "," << l.non_2xx << ","
        << l.invalid_bodies << "," << l.requests_per_second << "," << l.p50_us << "," << l.p90_us << "," << l.p99_us
        << "," << l.p999_us << "," << l.max_us << "," << l.server_cpu_us_per_request << "," << l.server_rss_bytes
        << "," << l.client_cpu_us_per_request << "," << csv_field(l.ceiling_name) << "," << l.ceiling_per_second
        << "," << l.ratio << "," << (l.passed ? "PASS" : "FAIL") << ",," << csv_field(l.detail) << "\n";
  for (const auto& c : r.ceilings)
    out << "ceiling," << head << ",," << csv_field(c.name) << "," << c.connections << "," << c.size
        << ",,,,,,," << c.per_second << ",,," << c.p99_us << ",,,,,,,,," << (c.available ? "OK" : "N/A") << ",,"
        << csv_field(c.note) << "\n";
  for (const auto& [key, value] : r.options)
    out << "option," << head << ",," << csv_field(key) << ",,,,,,,,,,,,,,,,,,,,,,," << csv_field(value) << "\n";
  for (const auto& c : r.checks)
    out << "check," << head << c.scenario << ",," << csv_field(c.check) << ",,,,,,,,,,,,,,,,,,,,,"
        << (c.passed ? "PASS" : "FAIL") << "," << c.seconds << "," << csv_field(c.detail) << "\n";
  return out.str();
}

std::string write_report_files(const suite_report& r, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const auto t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", std::localtime(&t));
  const auto base = (std::filesystem::path(dir) / (std::string(stamp) + "-" + r.suite)).string();
  std::ofstream(base + ".json") << to_json(r);
  std::ofstream(base + ".csv") << to_csv(r);
  std::ofstream(base + ".html") << to_html(r);
  return base;
}

}  // namespace lc::harness
