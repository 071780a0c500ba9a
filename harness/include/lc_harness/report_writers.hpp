#pragma once
#include "lc_harness/suite_report.hpp"

#include <ostream>
#include <string>

namespace lc::harness {

void write_console(const suite_report& report, std::ostream& out);
std::string to_json(const suite_report& report);
std::string to_csv(const suite_report& report);
std::string to_html(const suite_report& report);

// Writes <dir>/<stamp>-<suite>.{json,csv,html}; returns the path without the extension.
std::string write_report_files(const suite_report& report, const std::string& dir);

}  // namespace lc::harness
