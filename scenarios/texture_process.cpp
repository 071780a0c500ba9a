#include "texture_process.hpp"

#include "texture.hpp"

table_type texture_process(lc::channel&, const texture_settings& size) { return texture(size.x, size.y); }
