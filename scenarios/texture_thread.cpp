#include "texture_thread.hpp"

#include "texture.hpp"

table_type texture_thread(lc::channel&, std::int64_t x, std::int64_t y) { return texture(x, y); }

namespace {
const bool named = (lc::bind(texture_thread, "texture"), true);
}
