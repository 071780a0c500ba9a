#pragma once
#include <sys/types.h>

#include <cstdint>

namespace lc::harness {

// True when `pid` itself holds the LISTEN socket of this loopback port. A connect that succeeds
// proves only that someone listens there: another test's server may have the same free port.
bool process_listens_on(pid_t pid, unsigned short port);

// Bytes written to the TCP sockets `pid` holds that the peers have not taken yet.
std::uint64_t unsent_bytes(pid_t pid);

}  // namespace lc::harness
