#include "lc_harness/send_schedule.hpp"

namespace lc::harness {

send_schedule::send_schedule(clock_type::time_point start, double rate, int connections, int index) {
  if (rate <= 0 || connections <= 0) return;
  interval_ = std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(connections / rate));
  if (interval_.count() == 0) interval_ = clock_type::duration(1);
  next_ = start + interval_ * index / connections;
}

send_schedule::clock_type::time_point send_schedule::next() {
  const auto due = next_;
  next_ += interval_;
  return due;
}

}  // namespace lc::harness
