#pragma once
#include "test_api.hpp"

// A y-by-x table of uniform random doubles in [0, 1).
table_type texture(std::int64_t x = 8, std::int64_t y = 8);
