#include "lc_harness/junit_suite.hpp"

#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

namespace lc::harness {

void junit_suite::add(const std::string& klass, const std::string& name, double seconds, const std::string& failure,
                      const std::string& output) {
  ++tests_;
  cases_ << "  <testcase classname=\"" << escape_markup(klass) << "\" name=\"" << escape_markup(name) << "\" time=\""
         << fixed("%.3f", seconds) << "\"";
  if (failure.empty() && output.empty()) {
    cases_ << "/>\n";
    return;
  }
  cases_ << ">";
  if (!failure.empty()) {
    ++failures_;
    cases_ << "<failure message=\"" << escape_markup(failure.substr(0, 200)) << "\">" << escape_markup(failure)
           << "</failure>";
  }
  if (!output.empty()) cases_ << "<system-out>" << escape_markup(output) << "</system-out>";
  cases_ << "</testcase>\n";
}

std::string junit_suite::text(const std::string& suite_name, const std::string& timestamp) const {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"" << escape_markup(suite_name)
      << "\" tests=\"" << tests_ << "\" failures=\"" << failures_ << "\" errors=\"0\" timestamp=\""
      << escape_markup(timestamp) << "\">\n" << cases_.str() << "</testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace lc::harness
