#pragma once
// Re-lays out compact JSON (the codec's output) the way Python's json.dumps does, without
// parsing numbers, so float texts stay exactly as the codec wrote them.
#include <string>
#include <string_view>

namespace lc::detail {

// json.dumps(sort_keys=True) orders every object's members by key, comparing the unescaped keys
// code point by code point, as Python compares str.
enum class key_order { as_written, sorted };

// indent >= 0: one item per line, nested by `indent` spaces, "," and ": " (json.dumps(indent=4)).
// indent < 0: one line with ", " and ": " (json.dumps() defaults).
std::string pretty_json(std::string_view compact, int indent, key_order keys = key_order::as_written);

}  // namespace lc::detail
