#pragma once
// Re-lays out compact JSON (the codec's output) the way Python's json.dumps does, without
// parsing numbers, so float texts stay exactly as the codec wrote them.
#include <string>
#include <string_view>

namespace lc::detail {

// indent >= 0: one item per line, nested by `indent` spaces, "," and ": " (json.dumps(indent=4)).
// indent < 0: one line with ", " and ": " (json.dumps() defaults).
std::string pretty_json(std::string_view compact, int indent);

}  // namespace lc::detail
