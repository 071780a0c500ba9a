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
  // Hosted by a function's channel: shares its mailbox; run() after the function has ended.
  explicit dispatcher(std::shared_ptr<mailbox> shared) : box(std::move(shared)), single_(true) {}
  std::shared_ptr<mailbox> box = std::make_shared<mailbox>();
  void run();  // until the mailbox closes (or, when single, its machines end)
  void deliver(envelope& e);
  void expect_adoption() { ++expected_; }  // a machine is on its way in the mailbox
  bool empty() const { return objects_.empty() && expected_ == 0; }

 private:
  struct hosted {
    std::unique_ptr<machine_base> machine;
    std::vector<envelope> saved;
  };
  bool dispatch(hosted& h, envelope& e);  // true when the machine ended
  bool single_;
  std::size_t expected_ = 0;
  std::unordered_map<std::uint32_t, hosted> objects_;
};

}  // namespace lc::detail
