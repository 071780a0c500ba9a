#pragma once
// Timers are started from any object: self.start<lc::T1>(0.5), self.cancel<lc::T1>() (object.hpp).
// A timer never fires early; it arrives as a new Timer{} from detail::timer_address().

namespace lc {

// period * k / 100 with k uniform in [100 - delta, 100 + delta - 1], as the reference.
double spread_out(double period, int delta = 25);

}  // namespace lc
