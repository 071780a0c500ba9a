#pragma once
#include <string_view>

#include "lc/machine.hpp"

namespace lc {

// Completes with TimedOut(T1) after `seconds` (the normal result), or Aborted on Stop.
struct Delay : stateless<Delay, Start, T1, Stop> {
  explicit Delay(double seconds) : seconds_(seconds) {}
  void on(const Start&);
  void on(const T1&);
  void on(const Stop&);

 private:
  double seconds_;
};

}  // namespace lc
