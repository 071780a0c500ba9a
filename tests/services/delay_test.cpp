#include <chrono>

#include "lc/delay.hpp"
#include "probe.hpp"

using clock_type = std::chrono::steady_clock;

namespace {
double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }
}  // namespace

TEST(delay, completes_timed_out_normally) {
  lc::channel self;
  auto t0 = clock_type::now();
  self.create<lc::Delay>(0.05);
  auto v = test::returned(self);
  EXPECT_GE(since(t0), 0.05);
  ASSERT_NE(v.get<lc::TimedOut>(), nullptr);
  EXPECT_EQ(v.get<lc::TimedOut>()->to_string(), "timed out (\"T1\" exceeded)");
}

TEST(delay, completes_aborted_on_stop) {
  lc::channel self;
  auto d = self.create<lc::Delay>(30.0);
  self.send(lc::Stop{}, d);
  EXPECT_NE(test::returned(self).get<lc::Aborted>(), nullptr);
}
