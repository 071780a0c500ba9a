#pragma once
#include <string>

namespace lc::harness {

// The body a correct server sends for GET /Xy?x=x&y=y, with fixed pseudo-random values.
std::string make_xy_body(int x, int y, unsigned seed = 1);

}  // namespace lc::harness
