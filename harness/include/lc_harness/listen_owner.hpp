#pragma once
#include <sys/types.h>

namespace lc::harness {

// True when `pid` itself holds the LISTEN socket of this loopback port. A connect that succeeds
// proves only that someone listens there: another test's server may have the same free port.
bool process_listens_on(pid_t pid, unsigned short port);

}  // namespace lc::harness
