#include "lc_harness/threshold_table.hpp"

#include "lc_harness/markup_escape.hpp"
#include "lc_harness/summary_text.hpp"

namespace lc::harness {

void write_threshold_table(std::ostream& out, const std::vector<named_outcomes>& rows) {
  bool any = false;
  for (const auto& r : rows) any = any || !r.outcomes->empty();
  if (!any) return;
  out << "| threshold | row | value | verdict |\n|---|---|---|---|\n";
  for (const auto& r : rows)
    for (const auto& t : *r.outcomes)
      out << "| `" << escape_markdown_cell(t.spec) << "` | " << escape_markdown_cell(r.row) << " | "
          << fixed("%g", t.value) << " | " << (t.passed ? "PASS" : "FAIL") << " |\n";
  out << "\n";
}

}  // namespace lc::harness
