#include "lc_harness/send_schedule.hpp"

#include <gtest/gtest.h>

using namespace lc::harness;
using namespace std::chrono_literals;

TEST(send_schedule, slots_are_evenly_spaced_and_connections_interleave) {
  const send_schedule::clock_type::time_point t0{};
  send_schedule a(t0, 1000, 4, 0), b(t0, 1000, 4, 1);  // 4 ms per connection, 1 ms apart
  EXPECT_TRUE(a.open());
  EXPECT_EQ(a.interval(), 4ms);
  EXPECT_EQ(a.next(), t0);
  EXPECT_EQ(a.next(), t0 + 4ms);
  EXPECT_EQ(b.next(), t0 + 1ms);
  EXPECT_EQ(b.next(), t0 + 5ms);
}

TEST(send_schedule, no_rate_is_closed_loop) {
  EXPECT_FALSE(send_schedule().open());
  EXPECT_FALSE(send_schedule({}, 0, 4, 0).open());
}
