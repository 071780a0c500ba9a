#pragma once
#include "lc_harness/suite_report.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace lc::harness {

void write_console(const suite_report& report, std::ostream& out);
std::string to_json(const suite_report& report);
std::string to_csv(const suite_report& report);
std::string to_html(const suite_report& report);
std::string to_junit(const suite_report& report);
std::string to_markdown(const suite_report& report);
// HdrHistogram's percentile distribution text (Value, Percentile, TotalCount, 1/(1-Percentile)) of one run.
std::string to_hgrm(const load_row& run);
// "ms,good,failed" per timeline bin of one run (10 ms unless the run says otherwise).
std::string to_timeline_csv(const load_row& run);

// "S1-c8-s8-rep2", "S1-c8-sr100-open60pct-rep1": one run's files, unique within a report.
std::string run_file_stem(const load_row& run);

// Pieces of every JSON report.
boost::json::object summary_json(const sample_summary& s);
boost::json::object machine_json(const machine_info& m);
boost::json::object harness_json(const build_info& b);

// The whole file, or nothing if it cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

// Writes the whole text or throws std::runtime_error naming the path and the reason.
void write_text_file(const std::string& path, const std::string& text, bool append = false);

// <dir>/<stamp>-<name>, the stamp the local time to the second; creates dir.
std::string stamped_path(const std::string& dir, const std::string& name);

// Writes <dir>/<stamp>-<suite>.{json,csv,html} and, per load run, a .hgrm and a .timeline.csv
// under <dir>/<stamp>-<suite>-runs/; returns the path without the extension. Throws on a failed write.
std::string write_report_files(const suite_report& report, const std::string& dir);

}  // namespace lc::harness
