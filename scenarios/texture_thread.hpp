#pragma once
#include "lc/channel.hpp"
#include "test_api.hpp"

// texture() as a function that runs on a thread of its own: self.create(texture_thread, x, y).
// It is named "texture" in the logs, as in the Python original.
table_type texture_thread(lc::channel& self, std::int64_t x = 8, std::int64_t y = 8);
