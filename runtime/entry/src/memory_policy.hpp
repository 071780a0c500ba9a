#pragma once
// How a layer-cake process asks glibc to manage memory. Large buffers (tables, replies, frames)
// are mapped on their own and unmapped when freed, freed memory at the top of a heap goes back
// above 1 MiB, and threads share a few arenas instead of one each: a burst of 20 MB tables
// otherwise left a server 60-250 MB resident long after its clients had gone. A process started
// with its own GLIBC_TUNABLES for malloc keeps them.
namespace lc::detail {

void apply_memory_policy();

}  // namespace lc::detail
