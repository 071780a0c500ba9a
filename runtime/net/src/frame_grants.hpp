#pragma once
// What a peer may address over one framed link: the link's entry point (the object that called
// listen or connect) and every local address that went out on the link, as a return address or
// inside a body. A frame to anything else is dropped: object ids are sequential, so a peer could
// otherwise stop, close or answer any object of the process by guessing.
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "frame_codec.hpp"

namespace lc::detail {

class frame_grants {
 public:
  explicit frame_grants(const frame_ends& ends) : ends_(ends) {}  // `ends` outlives this and is set before use
  void grant(const address& a);            // any thread, before the frame that carries `a` is queued
  bool allows(const address& to) const;    // the link's strand
  bool carried(const address& a) const;    // any thread: `a` went out on the link
  std::uint64_t refuse() { return ++refused_; }  // the link's strand: how many so far

 private:
  void prune();
  const frame_ends& ends_;
  mutable std::mutex mutex_;
  std::unordered_map<address, std::uint64_t> granted_;  // address -> the grant that last carried it
  std::uint64_t grants_ = 0;
  std::size_t prune_at_ = 1024;
  std::uint64_t refused_ = 0;
};

}  // namespace lc::detail
