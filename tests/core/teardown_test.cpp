#include <dirent.h>
#include <signal.h>

#include <atomic>

#include "probe.hpp"

namespace {

std::size_t thread_count() {
  std::size_t n = 0;
  if (DIR* d = opendir("/proc/self/task")) {
    while (auto* e = readdir(d))
      if (e->d_name[0] != '.') ++n;
    closedir(d);
  }
  return n;
}

struct idle_machine : lc::stateless<idle_machine, lc::Start, lc::Stop> {
  void on(const lc::Start&) {}
  void on(const lc::Stop&) { complete(); }
};
struct idle_threaded : idle_machine {
  static constexpr bool threaded = true;
};

void blocks_until_stop(lc::channel& self, std::atomic<int>* stopped) {
  for (;;)
    if (self.input().get<lc::Stop>()) {
      ++*stopped;
      return;
    }
}

std::int64_t busy_main(lc::channel& self, std::atomic<int>* stopped) {
  self.create<idle_machine>();
  self.create<idle_threaded>();
  self.create(blocks_until_stop, stopped);
  self.create(blocks_until_stop, stopped);
  self.start<lc::T1>(60.0);
  return 5;
}

std::string waits_for_stop(lc::channel& self) {
  ::raise(SIGINT);
  for (;;)
    if (self.input().get<lc::Stop>()) return "stopped";
}

}  // namespace

TEST(teardown, run_main_returns_the_value_stops_children_and_leaves_no_thread) {
  lc::detail::shutdown();
  auto before = thread_count();
  std::atomic<int> stopped{0};
  auto result = lc::run_main(busy_main, &stopped);
  ASSERT_NE(result.get<std::int64_t>(), nullptr);
  EXPECT_EQ(*result.get<std::int64_t>(), 5);
  EXPECT_EQ(stopped.load(), 2);
  EXPECT_EQ(thread_count(), before);
  EXPECT_EQ(lc::detail::live_objects(), 0u);
}

TEST(teardown, sigint_becomes_stop_to_the_main_object) {
  auto result = lc::run_main(waits_for_stop);
  ASSERT_NE(result.get<std::string>(), nullptr);
  EXPECT_EQ(*result.get<std::string>(), "stopped");
}

TEST(teardown, hooks_run_in_order_after_the_main_object_ends) {
  std::vector<int> order;
  lc::detail::on_teardown(2, [&] { order.push_back(2); });
  lc::detail::on_teardown(1, [&] { order.push_back(1); });
  lc::run_main([](lc::channel&) {});
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(teardown, the_runtime_starts_again_after_a_shutdown) {
  lc::detail::shutdown();
  lc::channel self;
  self.create<idle_machine>();
  self.start<lc::T1>(0.01);
  test::expect<lc::T1>(self);
}

namespace {
struct main_machine : lc::stateless<main_machine, lc::Start> {
  void on(const lc::Start&) { complete(Xy{4, 2}); }
};
}  // namespace

TEST(teardown, a_machine_can_be_the_main_object) {
  auto result = lc::run_main<main_machine>();
  ASSERT_NE(result.get<Xy>(), nullptr);
  EXPECT_EQ(result.get<Xy>()->x, 4);
}
