#pragma once
#include <chrono>

namespace lc::harness {

// Open-loop pacing of one connection, as wrk2 does: request k is due at
// start + phase + k * interval whatever happened to the ones before, and its latency is timed
// from that intended time, so a stall counts against every request queued behind it.
class send_schedule {
public:
  using clock_type = std::chrono::steady_clock;

  send_schedule() = default;  // closed loop: there is no schedule
  // `rate` requests per second shared by `connections`; this connection is number `index`.
  send_schedule(clock_type::time_point start, double rate, int connections, int index);

  bool open() const { return interval_.count() > 0; }
  clock_type::time_point next();  // the intended time of the next request; advances
  clock_type::duration interval() const { return interval_; }

private:
  clock_type::time_point next_{};
  clock_type::duration interval_{0};
};

}  // namespace lc::harness
