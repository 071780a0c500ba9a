#pragma once
#include <sstream>
#include <string>

namespace lc::harness {

// One JUnit <testsuite>: testcases added one by one, each passed, failed (the failure text) or
// with output; text() wraps them in <testsuites> with the counts.
class junit_suite {
public:
  void add(const std::string& klass, const std::string& name, double seconds, const std::string& failure,
           const std::string& output = "");
  std::string text(const std::string& suite_name, const std::string& timestamp) const;

private:
  std::ostringstream cases_;
  int tests_ = 0, failures_ = 0;
};

}  // namespace lc::harness
