#include "frame_grants.hpp"

#include <algorithm>
#include <vector>

#include "lc/runtime.hpp"

namespace lc::detail {
namespace {
// Past this many live grants, the least recently sent half is forgotten.
constexpr std::size_t max_grants = 1u << 16;
}  // namespace

void frame_grants::grant(const address& a) {
  // An address of the peer's own goes home over this link: it is not ours to grant.
  if (a.is_null() || a.local_id() == ends_.proxy_id || a == address{ends_.local_termination}) return;
  std::lock_guard lock(mutex_);
  granted_[a] = ++grants_;
  if (granted_.size() > prune_at_) prune();
}

bool frame_grants::allows(const address& to) const {
  if (to == address{ends_.local_termination}) return true;
  std::lock_guard lock(mutex_);
  return granted_.count(to) != 0;
}

bool frame_grants::carried(const address& a) const {
  std::lock_guard lock(mutex_);
  return granted_.count(a) != 0;
}

// Ids are never reused, so a grant to an object that has ended can go.
void frame_grants::prune() {
  std::erase_if(granted_, [](const auto& entry) { return !alive(entry.first); });
  if (granted_.size() > max_grants) {
    std::vector<std::uint64_t> stamps;
    for (const auto& [a, stamp] : granted_) stamps.push_back(stamp);
    auto middle = stamps.begin() + static_cast<std::ptrdiff_t>(stamps.size() / 2);
    std::nth_element(stamps.begin(), middle, stamps.end());
    std::erase_if(granted_, [oldest_kept = *middle](const auto& entry) { return entry.second < oldest_kept; });
  }
  prune_at_ = std::max<std::size_t>(1024, 2 * granted_.size());
}

}  // namespace lc::detail
