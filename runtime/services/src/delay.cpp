#include "lc/delay.hpp"

namespace lc {

void Delay::on(const Start&) { start<T1>(seconds_); }
void Delay::on(const T1&) { finish(TimedOut(T1{})); }
void Delay::on(const Stop&) { finish(Aborted{}); }

}  // namespace lc
