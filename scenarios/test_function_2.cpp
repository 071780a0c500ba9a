#include "test_function_2.hpp"

#include "texture.hpp"

table_type texture(lc::channel&, std::int64_t x, std::int64_t y) { return texture(x, y); }

namespace {
table_type (*const bound)(lc::channel&, std::int64_t, std::int64_t) = texture;
const bool named = (lc::bind(bound, "texture"), true);
}
