#pragma once
// glibc keeps what a large reply or frame freed in its arenas, in pieces it does not hand back by
// itself: after a burst of 20 MB tables a server stayed 60-250 MB resident with no client left.
// Whoever lets go of a large buffer calls this; soon after (bursts coalesce) the process returns
// its free memory to the system.
#include <cstddef>

#include <boost/asio/any_io_executor.hpp>

namespace lc::detail {

constexpr std::size_t large_buffer_bytes = 1u << 20;

// On `executor`, that of the session that freed the buffer, so teardown never starts a thread.
void release_memory_soon(const boost::asio::any_io_executor& executor, std::size_t freed_bytes);

}  // namespace lc::detail
