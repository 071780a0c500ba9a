#pragma once
#include "lc_harness/response_check.hpp"

#include <string_view>

namespace lc::harness {

// The cheap check every reply gets: envelope, signature, y rows of x comma-separated values,
// each value starting with a digit and made of 0-9 . e E + - only (16 bytes at a time with SSE2).
// It does not convert numbers: check_xy_body does that, on the sample the load generator picks.
body_verdict check_xy_shape(std::string_view body, int x, int y);

}  // namespace lc::harness
