#pragma once
// Who hears that work was stopped because the remote party it served has gone (the work that
// object_table::abandoned drops): a framed link to a peer of our own passes the news on.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "lc/runtime.hpp"

namespace lc::detail {

class cancel_listeners {
 public:
  std::uint64_t add(cancel_listener listener);
  void remove(std::uint64_t key);
  void tell(const std::vector<std::uint32_t>& work) const;  // no lock is held while they run

 private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<const cancel_listener>> listeners_;
  std::uint64_t next_key_ = 1;
};

cancel_listeners& cancellations();

}  // namespace lc::detail
