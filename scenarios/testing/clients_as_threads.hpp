#pragma once
#include "client_settings.hpp"
#include "lc/channel.hpp"

// Keeps thread_count clients going, replacing each one that finishes after Delay(slow_down).
// Ends on Stop (abort, then wait for every client) or when every client has faulted. Returns the
// number of clients that ended unexpectedly.
std::int64_t clients_as_threads(lc::channel& self, const threads_settings& settings);
