#pragma once
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace lc::harness {

// A CSV field in double quotes, each quote doubled.
std::string csv_field(const std::string& text);

// A number or flag as the CSV files write it: up to 12 significant digits, flags as 1 or 0.
template <class T>
std::string csv_value(const T& v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

// CSV under a fixed header: each record fills the columns it names (already quoted where text),
// leaves the others empty, and gets the `common` fields too.
class csv_table {
public:
  csv_table(std::vector<std::string> columns, std::map<std::string, std::string> common);
  void add(std::map<std::string, std::string> fields);
  std::string text() const { return out_.str(); }

private:
  std::vector<std::string> columns_;
  std::map<std::string, std::string> common_;
  std::ostringstream out_;
};

}  // namespace lc::harness
