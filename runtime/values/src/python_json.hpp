#pragma once
// A JSON reader that accepts what Python's json.loads accepts (NaN, Infinity, -Infinity, deep
// nesting, lone surrogates) and fails with its exact words ("Expecting value: line 1 column 1
// (char 0)"). The codec uses it only when Boost.JSON refuses a text, so speed is not its aim.
#include <string_view>

#include <boost/json/value.hpp>

namespace lc::detail {

// Throws codec_error whose what() is Python's message, without the "cannot decode" wrapper.
boost::json::value parse_python_json(std::string_view text, boost::json::storage_ptr storage = {});

}  // namespace lc::detail
