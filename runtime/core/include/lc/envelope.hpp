#pragma once
#include <cstdint>

#include "lc/address.hpp"
#include "lc/message.hpp"

namespace lc {
class object;
namespace detail {
class machine_base;

// One queued delivery. `adopt` hands a new machine to the dispatcher that will run it.
struct envelope {
  message m;
  address to;
  address from;
  machine_base* adopt = nullptr;
};

}  // namespace detail
}  // namespace lc
