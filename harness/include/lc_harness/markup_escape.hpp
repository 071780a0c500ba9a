#pragma once
#include <string>

namespace lc::harness {

// Escapes < > & " for HTML and XML text and attributes; control characters other than
// newline and tab (not allowed in XML 1.0) become spaces.
std::string escape_markup(const std::string& text);

// A Markdown table cell: each | becomes \| so that it stays in its cell.
std::string escape_markdown_cell(std::string text);

}  // namespace lc::harness
