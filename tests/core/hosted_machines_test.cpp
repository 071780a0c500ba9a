// A machine created with the default placement by a function on its own thread runs on that
// thread, between the function's inputs, from the function's mailbox; it outlives the function.
#include <thread>

#include "probe.hpp"

namespace {

std::size_t thread_hash() { return std::hash<std::thread::id>{}(std::this_thread::get_id()); }

// Tells `to` which thread it started on, then echoes one Xy and ends.
struct reports_its_thread : lc::stateless<reports_its_thread, lc::Start, Xy> {
  explicit reports_its_thread(lc::address to) : to_(to) {}
  lc::address to_;
  void on(const lc::Start&) { send(static_cast<std::int64_t>(thread_hash()), to_); }
  void on(const Xy& xy) { complete(xy); }
};

bool machine_runs_on_the_functions_thread(lc::channel& self) {
  auto m = self.create<reports_its_thread>(self.self_address());
  auto where = self.input();
  self.send(Xy{4, 5}, m);
  auto returned = self.input();
  auto* r = returned.get<lc::Returned>();
  return where.get<std::int64_t>() && *where.get<std::int64_t>() == static_cast<std::int64_t>(thread_hash()) && r &&
         r->message.get<Xy>() && r->message.get<Xy>()->x == 4;
}

TEST(hosted_machines, a_machine_made_by_a_function_runs_on_the_functions_thread) {
  lc::channel test;
  test.create(machine_runs_on_the_functions_thread);
  auto r = test::expect<lc::Returned>(test);
  ASSERT_NE(r.message.get<bool>(), nullptr) << r.message.type_name();
  EXPECT_TRUE(*r.message.get<bool>());
}

// Waits for a timer after its function has returned, then tells the test.
struct outlives_its_function : lc::stateless<outlives_its_function, lc::Start, lc::T1> {
  explicit outlives_its_function(lc::address test) : test_(test) {}
  lc::address test_;
  void on(const lc::Start&) { start<lc::T1>(0.05); }
  void on(const lc::T1&) {
    send(lc::Ack{}, test_);
    complete(lc::Ack{});
  }
};

void returns_at_once(lc::channel& self, lc::address test) { self.create<outlives_its_function>(test); }

TEST(hosted_machines, a_machine_keeps_running_after_the_function_that_made_it_returns) {
  lc::channel test;
  test.create(returns_at_once, test.self_address());
  bool returned = false, acked = false;
  for (int i = 0; i < 2; ++i) {
    auto m = test::next(test);
    returned = returned || m.is<lc::Returned>();
    acked = acked || m.is<lc::Ack>();
  }
  EXPECT_TRUE(returned);
  EXPECT_TRUE(acked) << "the machine stopped with its function";
}

TEST(hosted_machines, a_machine_made_by_a_channel_of_user_code_runs_elsewhere) {
  lc::channel test;
  test.create<reports_its_thread>(test.self_address());
  EXPECT_NE(test::expect<std::int64_t>(test), static_cast<std::int64_t>(thread_hash()));
}

}  // namespace
