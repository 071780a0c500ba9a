#pragma once
#include <string_view>

namespace lc::harness {

enum class body_verdict { ok, bad_envelope, bad_signature, bad_dimensions, bad_number, out_of_range };

// Checks `{"value":["vector<vector<float8>>",[[...],...],[]]}`: y rows of x floats, each in [0,1).
body_verdict check_xy_body(std::string_view body, int x, int y);
std::string_view to_string(body_verdict verdict);

}  // namespace lc::harness
