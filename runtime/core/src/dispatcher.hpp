#pragma once
// Runs machines from one mailbox: many on a shared dispatcher, or one on its own thread (`single`,
// which leaves when its machine ends). A machine arrives as an envelope that adopts it.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "mailbox.hpp"
#include "lc/machine.hpp"

namespace lc::detail {

class dispatcher {
 public:
  explicit dispatcher(bool single) : single_(single) {}
  std::shared_ptr<mailbox> box = std::make_shared<mailbox>();
  void run();  // until the mailbox closes (or, when single, its machine ends)

 private:
  struct hosted {
    std::unique_ptr<machine_base> machine;
    std::vector<envelope> saved;
  };
  void deliver(envelope& e);
  bool dispatch(hosted& h, envelope& e);  // true when the machine ended
  bool single_;
  std::unordered_map<std::uint32_t, hosted> objects_;
};

}  // namespace lc::detail
