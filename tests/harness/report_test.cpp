#include "lc_harness/chart_axis.hpp"
#include "lc_harness/report_writers.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace lc::harness;

namespace {

suite_report sample() {
  suite_report r;
  r.suite = "full";
  r.label = "lc";
  r.started = "2026-01-01T00:00:00";
  r.machine = {"Test CPU", 2, "Linux test", "host"};
  r.options = {{"connections", boost::json::array{8}}, {"duration_ms", 300}, {"keep_alive", true}};
  r.build = {"v1-2-gabc", "Release", "gcc 12"};
  r.repetitions = 1;
  r.seed = 99;
  for (int n : {1, 5}) {
    load_row l;
    l.scenario = n;
    l.kind = n < 5 ? "thread" : "process";
    l.connections = 8;
    l.size = 8;
    l.good = 1000;
    l.requests_per_second = 1000.0 * n;
    l.p99_us = 900;
    l.ceiling_name = "static responder";
    l.ceiling_per_second = 10000;
    l.ratio = l.requests_per_second / l.ceiling_per_second;
    l.passed = true;
    l.latency_buckets = {{100, 500}, {900, 490}, {2000, 10}};
    r.loads.push_back(l);
  }
  r.checks.push_back({1, "SIGINT idle", true, 0.01, "exit 71"});
  r.checks.push_back({5, "parent SIGKILL", false, 1.2, "processes left: 42(x)"});
  r.ceilings.push_back({"static responder", 8, 8, 10000, 500, true, ""});
  r.rows = summarize_loads(r.loads);
  return r;
}

std::string run(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    std::array<char, 4096> buf;
    while (auto n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    pclose(p);
  }
  return out;
}

}  // namespace

TEST(report, a_failing_check_fails_the_whole_report) {
  auto r = sample();
  EXPECT_FALSE(r.passed());
  r.checks.pop_back();
  EXPECT_TRUE(r.passed());
}

TEST(report, json_carries_machine_options_figures_and_verdicts) {
  const auto v = boost::json::parse(to_json(sample())).as_object();
  EXPECT_EQ(v.at("machine").at("cpu_model").as_string(), "Test CPU");
  EXPECT_EQ(v.at("loads").as_array().size(), 2u);
  EXPECT_DOUBLE_EQ(v.at("loads").at(1).at("ratio").as_double(), 0.5);
  EXPECT_FALSE(v.at("passed").as_bool());
}

TEST(report, csv_rows_have_as_many_fields_as_the_header) {
  std::istringstream in(to_csv(sample()));
  std::string line;
  auto fields = [](const std::string& l) {
    int n = 1;
    bool quoted = false;
    for (char c : l) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) ++n;
    }
    return n;
  };
  std::getline(in, line);
  const int header = fields(line);
  int rows = 0;
  while (std::getline(in, line)) {
    EXPECT_EQ(fields(line), header) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 10);  // 2 summary rows, 2 loads, 1 ceiling, 3 options, 2 checks (no baseline)
}

TEST(report, html_is_self_contained_with_both_kinds_side_by_side) {
  const auto html = to_html(sample());
  for (const char* id : {"throughput-threads", "throughput-processes", "p99-threads", "p99-processes",
                         "latency-distribution", "teardown"})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

// scripts/setup installs Debian's chromium; without it (a hand-made machine) the test is skipped.
// The screenshot stays in the build tree (bin/report-screenshot.png) for a person to look at.
TEST(report, html_renders_in_headless_chromium_with_every_chart_titled_labelled_and_filled) {
  if (!std::filesystem::exists("/usr/bin/chromium")) GTEST_SKIP() << "/usr/bin/chromium is not installed";
  auto r = sample();
  r.loads.push_back(r.loads[0]);
  r.loads.back().scenario = 2;
  for (auto& l : r.loads) {
    l.server_cpu_us_per_request = 10.0 * l.scenario;
    l.server_switches_per_request = 0.5 * l.scenario;
    l.server_rss_bytes = static_cast<std::uint64_t>(l.scenario) << 22;
  }
  r.rows = summarize_loads(r.loads);
  const auto stem = std::filesystem::temp_directory_path() / ("lc-harness-report-" + std::to_string(getpid()));
  const auto page = stem.string() + ".html";
  const auto png = std::string(LC_TEST_BIN_DIR) + "/report-screenshot.png";
  std::filesystem::remove(png);
  std::ofstream(page) << to_html(r);
  const std::string chromium = "timeout 50 /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars ";
  const auto dom = run(chromium + "--dump-dom file://" + page + " 2>/dev/null");
  run(chromium + "--window-size=1400,2400 --screenshot=" + png + " file://" + page + " 2>/dev/null");
  std::filesystem::remove(page);
  ASSERT_TRUE(std::filesystem::exists(png)) << "no screenshot";
  EXPECT_GT(std::filesystem::file_size(png), 10'000u) << "an empty screenshot";
  for (const char* text : {"id=\"throughput-threads\"", "id=\"throughput-processes\"", "id=\"latency-distribution\"",
                           "<polyline", "parent SIGKILL", "Threads (scenarios 1-4)", "class=\"ceiling-mark\""})
    EXPECT_NE(dom.find(text), std::string::npos) << text;
  struct chart { const char* id; const char* title; const char* axis; const char* bar; };
  for (const chart& c : {chart{"pairs", "Thread and process twins", "requests per second", "pair-bar"},
                         chart{"cost-cpu", "Server CPU per request", "µs per request", "cost-bar"},
                         chart{"cost-switches", "Context switches per request", "switches per request", "cost-bar"},
                         chart{"cost-rss", "Server tree resident memory", "MiB", "cost-bar"}}) {
    const auto begin = dom.find(std::string("id=\"") + c.id + "\"");
    ASSERT_NE(begin, std::string::npos) << c.id;
    const auto svg = dom.substr(begin, dom.find("</svg>", begin) - begin);
    EXPECT_NE(svg.find(c.title), std::string::npos) << c.id;
    EXPECT_NE(svg.find(c.axis), std::string::npos) << c.id;
    for (const char* row : {"S1 thread c8 s8", "S5 process c8 s8", "S2 thread c8 s8"}) {
      const auto bar = std::string("class=\"") + c.bar + "\" data-row=\"" + row + "\"";
      const auto first = svg.find(bar);
      EXPECT_NE(first, std::string::npos) << c.id << ": " << row;
      EXPECT_EQ(svg.find(bar, first + 1), std::string::npos) << c.id << ": two bars for " << row;
    }
  }
}

TEST(report, json_has_schema_build_typed_options_seed_and_rows_with_intervals) {
  auto r = sample();
  r.loads.push_back(r.loads[0]);
  r.loads.back().requests_per_second = 3000;
  r.loads.back().repetition = 2;
  r.rows = summarize_loads(r.loads);
  const auto v = boost::json::parse(to_json(r)).as_object();
  EXPECT_EQ(v.at("schema_version").as_int64(), report_schema_version);
  EXPECT_EQ(v.at("harness").at("commit").as_string(), "v1-2-gabc");
  EXPECT_EQ(v.at("harness").at("build_type").as_string(), "Release");
  EXPECT_EQ(v.at("server").at("commit").as_string(), "v1-2-gabc");  // the built servers: the same commit
  EXPECT_EQ(v.at("seed").to_number<std::uint64_t>(), 99u);
  EXPECT_TRUE(v.at("options").at("duration_ms").is_number());
  EXPECT_TRUE(v.at("options").at("keep_alive").is_bool());
  EXPECT_TRUE(v.at("load_average").at("before").is_number());
  const auto& row = v.at("rows").at(0).as_object();
  EXPECT_EQ(row.at("repetitions").to_number<std::uint64_t>(), 2u);
  EXPECT_DOUBLE_EQ(row.at("requests_per_second").at("median").as_double(), 2000);
  EXPECT_DOUBLE_EQ(row.at("requests_per_second").at("ci_high").as_double(), 3000);
  EXPECT_EQ(v.at("loads").as_array().size(), 3u);  // every repetition's raw figures
}

TEST(report, junit_has_a_testcase_per_check_and_per_row_with_failure_text) {
  auto r = sample();
  r.rows[0].thresholds.push_back({"S1:p99<1ms", 900, true});
  r.rows[1].thresholds.push_back({"S*:ratio>=0.6", 0.5, false});
  const auto x = to_junit(r);
  EXPECT_NE(x.find("tests=\"4\" failures=\"2\""), std::string::npos) << x;
  EXPECT_NE(x.find("name=\"parent SIGKILL\" time=\"1.200\"><failure message=\"processes left: 42(x)\""), std::string::npos) << x;
  EXPECT_NE(x.find("threshold S*:ratio&gt;=0.6 failed"), std::string::npos) << x;
  EXPECT_NE(x.find("name=\"load S1 thread c8 s8\" time=\"0.000\"/>"), std::string::npos) << x;
}

TEST(report, markdown_shows_medians_thresholds_and_failed_checks) {
  auto r = sample();
  r.rows[1].thresholds.push_back({"S*:ratio>=0.6", 0.5, false});
  const auto md = to_markdown(r);
  EXPECT_NE(md.find("## lc-harness full: FAIL"), std::string::npos);
  EXPECT_NE(md.find("| S5 process c8 s8 | 5000 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `S*:ratio>=0.6` | S5 process c8 s8 | 0.5 | FAIL |"), std::string::npos) << md;
  EXPECT_NE(md.find("- FAIL scenario 5 parent SIGKILL: processes left: 42(x)"), std::string::npos) << md;
}

TEST(report, hgrm_lists_cumulative_percentiles_in_milliseconds) {
  const auto h = to_hgrm(sample().loads[0]);
  EXPECT_NE(h.find("Value     Percentile TotalCount 1/(1-Percentile)"), std::string::npos);
  EXPECT_NE(h.find("       0.100 0.500000000000        500           2.00"), std::string::npos) << h;
  EXPECT_NE(h.find("Total count    =         1000]"), std::string::npos) << h;
}

TEST(report, a_write_that_fails_is_an_error) {
  EXPECT_THROW(write_text_file("/dev/full", std::string(1 << 16, 'x')), std::runtime_error);
  EXPECT_THROW(write_text_file("/nonexistent/dir/out.json", "x"), std::runtime_error);
}

TEST(report, a_generator_above_half_a_core_is_flagged_in_every_output) {
  auto r = sample();
  r.loads[1].client_cpu_share = 0.7;
  r.rows = summarize_loads(r.loads);
  ASSERT_FALSE(r.rows[0].generator_bound);
  ASSERT_TRUE(r.rows[1].generator_bound);
  std::ostringstream console;
  write_console(r, console);
  EXPECT_NE(console.str().find("0.70c!"), std::string::npos) << console.str();
  EXPECT_NE(to_markdown(r).find("0.70 ⚠ generator-bound"), std::string::npos);
  EXPECT_NE(to_junit(r).find("<system-out>generator-bound: the load generator used 0.70 cores"), std::string::npos);
  EXPECT_NE(to_json(r).find("\"generator_bound\":true"), std::string::npos);
  EXPECT_NE(to_html(r).find("(generator-bound)"), std::string::npos);
  EXPECT_NE(to_csv(r).find(",0.7,1,"), std::string::npos) << to_csv(r);
}

TEST(report, open_loop_rows_are_their_own_rows_with_the_mode_in_the_key) {
  auto r = sample();
  r.loads.push_back(r.loads[0]);
  r.loads.back().mode = "open 60%";
  r.loads.back().late = 3;
  r.rows = summarize_loads(r.loads);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].key(), "S1 thread c8 s8 open 60%");  // sorted next to its closed-loop row
  EXPECT_EQ(r.rows[1].late, 3u);
  std::ostringstream console;
  write_console(r, console);
  EXPECT_NE(console.str().find("open loop: 3 requests late"), std::string::npos);
}

TEST(report, html_throughput_panels_share_one_axis) {
  // Scenario 1 at 1000 req/s, scenario 5 at 5000 and no ceilings: on one axis scenario 1's bar is a
  // fifth of scenario 5's, not the full width of its own panel.
  auto r = sample();
  for (auto& l : r.loads) l.ceiling_per_second = 0;
  r.rows = summarize_loads(r.loads);
  const auto html = to_html(r);
  auto width_after = [&](const std::string& id) {
    const auto chart = html.find("id=\"" + id + "\"");
    const auto bar = html.find("class=\"bar\"", chart);
    const auto w = html.find("width=\"", bar) + 7;
    return std::stod(html.substr(w, html.find('"', w) - w));
  };
  EXPECT_NEAR(width_after("throughput-threads") * 5, width_after("throughput-processes"), 0.5);
  EXPECT_NE(html.find("class=\"axis\""), std::string::npos);
}

TEST(report, every_run_gets_its_own_files_with_a_timeline) {
  auto l = sample().loads[0];
  l.good_per_bin = {5, 7};
  l.failed_per_bin = {0, 1};
  EXPECT_EQ(to_timeline_csv(l), "ms,good,failed\n0,5,0\n10,7,1\n");
  EXPECT_EQ(run_file_stem(l), "S1-c8-s8-rep1");
  l.mode = "open 60%";
  l.random_sizes = true;
  l.repetition = 3;
  EXPECT_EQ(run_file_stem(l), "S1-c8-sr8-open60pct-rep3");
}

TEST(report, html_shows_cpu_switches_and_memory_per_request_for_each_twin) {
  auto r = sample();
  r.loads[0].server_cpu_us_per_request = 42.5;
  r.loads[0].server_switches_per_request = 2.25;
  r.loads[0].server_rss_bytes = 12u << 20;
  r.rows = summarize_loads(r.loads);
  const auto html = to_html(r);
  for (const char* id : {"cost-cpu", "cost-switches", "cost-rss"}) {
    const auto chart = html.find(std::string("id=\"") + id + "\"");
    ASSERT_NE(chart, std::string::npos) << id;
    const auto end = html.find("</svg>", chart);
    const auto s1 = html.find("data-row=\"S1 thread c8 s8\"", chart);
    const auto s5 = html.find("data-row=\"S5 process c8 s8\"", chart);
    EXPECT_LT(s1, s5) << id;
    EXPECT_LT(s5, end) << id << ": both twins in the panel";
    EXPECT_NE(html.find("class=\"axis-label\"", chart), std::string::npos) << id;
  }
  EXPECT_NE(html.find(">42.50<"), std::string::npos);
  EXPECT_NE(html.find(">2.25<"), std::string::npos);
  EXPECT_NE(html.find(">12.00<"), std::string::npos);
}

TEST(report, html_puts_each_thread_scenario_next_to_its_process_twin_on_one_axis) {
  auto r = sample();
  r.loads.push_back(r.loads[0]);
  r.loads.back().scenario = 2;
  r.rows = summarize_loads(r.loads);
  const auto html = to_html(r);
  const auto chart = html.find("id=\"pairs\"");
  ASSERT_NE(chart, std::string::npos);
  const auto s1 = html.find("data-row=\"S1 thread c8 s8\"", chart);
  const auto s5 = html.find("data-row=\"S5 process c8 s8\"", chart);
  const auto s2 = html.find("data-row=\"S2 thread c8 s8\"", chart);
  ASSERT_NE(s1, std::string::npos);
  ASSERT_NE(s5, std::string::npos);
  ASSERT_NE(s2, std::string::npos);
  EXPECT_LT(s1, s5);
  EXPECT_LT(s5, s2);  // 1 and 5 are twins, 2 waits for 6
  EXPECT_NE(html.find("class=\"ceiling-mark\"", chart), std::string::npos);
  EXPECT_NE(html.find("class=\"target\"", chart), std::string::npos);
  EXPECT_NE(html.find("5000 (0.50x)", chart), std::string::npos);
  EXPECT_NE(html.find("requests per second", chart), std::string::npos);
}

TEST(report, chart_axes_end_on_round_numbers) {
  EXPECT_DOUBLE_EQ(nice_axis_top(50024), 60000);
  EXPECT_DOUBLE_EQ(nice_axis_top(43.7), 50);
  EXPECT_DOUBLE_EQ(nice_axis_top(20000), 20000);
  EXPECT_DOUBLE_EQ(nice_axis_top(2100), 2400);
  EXPECT_DOUBLE_EQ(nice_axis_top(0), 1);
}

TEST(report, html_has_a_latency_spectrum_per_twin_pair) {
  const auto html = to_html(sample());
  const auto panel = html.find("data-pair=\"S1/S5 c8 s8\"");
  ASSERT_NE(panel, std::string::npos);
  EXPECT_NE(html.find("class=\"spectrum-thread\"", panel), std::string::npos);
  EXPECT_NE(html.find("class=\"spectrum-process\"", panel), std::string::npos);
  EXPECT_NE(html.find("p99.9", panel), std::string::npos);
}

TEST(report, baseline_changes_reach_html_and_csv) {
  auto r = sample();
  r.baseline.path = "base.json";
  r.baseline.differences = {"machine: baseline a, this run b"};
  r.baseline.regressions = 1;
  r.rows[0].changes.push_back({"rps", 2000, 1000, -0.5, 0.008, true, true});
  const auto html = to_html(r);
  EXPECT_NE(html.find("id=\"baseline\""), std::string::npos);
  EXPECT_NE(html.find("different machine: baseline a, this run b"), std::string::npos);
  EXPECT_NE(html.find("-50.0 % (p=0.008, REGRESSION)"), std::string::npos);
  EXPECT_NE(to_csv(r).find("baseline,\"full\""), std::string::npos);
  EXPECT_NE(to_csv(r).find(",REGRESSION,"), std::string::npos);
}

TEST(report, html_draws_req_per_second_against_connections_per_twin_pair) {
  auto r = sample();
  for (int i = 0; i < 2; ++i) {
    r.loads.push_back(r.loads[i]);
    r.loads.back().connections = 64;
  }
  r.rows = summarize_loads(r.loads);
  const auto html = to_html(r);
  const auto panel = html.find("data-pair=\"S1/S5 s8\"");
  ASSERT_NE(panel, std::string::npos);
  EXPECT_NE(html.find("class=\"scaling-thread\"", panel), std::string::npos);
  EXPECT_NE(html.find("class=\"scaling-process\"", panel), std::string::npos);
  EXPECT_NE(html.find(">connections (y: req/s)<", panel), std::string::npos);
  EXPECT_EQ(to_html(sample()).find("class=\"chart scaling\""), std::string::npos);  // one connection count: none
}

TEST(report, html_draws_p99_against_offered_load_for_a_rate_sweep) {
  auto r = sample();
  for (const char* mode : {"open 10%", "open 50%", "open 90%"})
    for (int i = 0; i < 2; ++i) {
      r.loads.push_back(r.loads[i]);
      r.loads.back().mode = mode;
    }
  r.rows = summarize_loads(r.loads);
  const auto html = to_html(r);
  const auto panel = html.find("class=\"chart offered-load\" data-pair=\"S1/S5 s8\"");
  ASSERT_NE(panel, std::string::npos) << html;
  EXPECT_NE(html.find("class=\"offered-load-thread\"", panel), std::string::npos);
  EXPECT_NE(html.find("class=\"offered-load-process\"", panel), std::string::npos);
  EXPECT_NE(html.find(">90%<", panel), std::string::npos);
  EXPECT_EQ(to_html(sample()).find("class=\"chart offered-load\""), std::string::npos);
}
