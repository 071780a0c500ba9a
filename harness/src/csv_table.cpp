#include "lc_harness/csv_table.hpp"

namespace lc::harness {

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

csv_table::csv_table(std::vector<std::string> columns, std::map<std::string, std::string> common)
    : columns_(std::move(columns)), common_(std::move(common)) {
  for (std::size_t i = 0; i < columns_.size(); ++i) out_ << (i ? "," : "") << columns_[i];
  out_ << "\n";
}

void csv_table::add(std::map<std::string, std::string> fields) {
  fields.insert(common_.begin(), common_.end());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    auto it = fields.find(columns_[i]);
    out_ << (i ? "," : "") << (it == fields.end() ? "" : it->second);
  }
  out_ << "\n";
}

}  // namespace lc::harness
