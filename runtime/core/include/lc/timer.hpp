#pragma once
// Timers, started from any object: self.start<lc::T1>(0.5), self.cancel<lc::T1>() (object.hpp).
// A timer never fires early; it arrives as a new Timer{} from detail::timer_address(). Starting
// a timer again restarts it. Durations are bounded: NaN or negative is now, over a century never.
#include "lc/address.hpp"
#include "lc/type_record.hpp"

namespace lc {

// period * k / 100 with k uniform in [100 - delta, 100 + delta - 1], as the reference.
double spread_out(double period, int delta = 25);

namespace detail {
// The timer service behind object::start and object::cancel.
void start_timer(const address& owner, const type_record& timer, double seconds, bool repeating);
void cancel_timer(const address& owner, const type_record& timer);
}  // namespace detail

}  // namespace lc
