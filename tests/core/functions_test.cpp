#include <stdexcept>

#include "probe.hpp"

namespace {

std::int64_t answer(lc::channel&) { return 42; }
void nothing(lc::channel&) {}
std::int64_t boom(lc::channel&) { throw std::runtime_error("boom"); }
std::int64_t completes(lc::channel& self) { self.complete(Xy{7, 8}); }
std::int64_t add(lc::channel&, std::int64_t a, std::int64_t b) { return a + b; }

std::string echo_until_stop(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return "stopped";
    self.reply(m);
  }
}

// Selects Ack while saving Xy, then reads two more messages: the saved Xy comes right after the
// next fresh message (the Ack), before later ones.
std::vector<std::string> select_with_saving(lc::channel& self) {
  std::vector<std::string> seen;
  auto s = self.select<lc::Ack>(lc::saving<Xy>{});
  seen.push_back(s.m.type_name());
  seen.push_back(self.input().type_name());
  seen.push_back(self.input().type_name());
  return seen;
}

// Serves Jobs one at a time as scenario 5 does: wait for an Ack (saving Jobs), then take a Job.
std::vector<std::int64_t> serve_saved_jobs(lc::channel& self) {
  std::vector<std::int64_t> served;
  for (int i = 0; i < 3; ++i) {
    self.select<lc::Ack>(lc::saving<Job>{});
    lc::message m = self.input();
    auto* job = m.get<Job>();
    served.push_back(job ? job->id : -1);
  }
  return served;
}

std::string select_drops_and_times_out(lc::channel& self) {
  auto s = self.select<lc::Ack>(0.1);  // Nak arrives, is not selected nor saved: logged as dropped
  if (s.index != lc::selected::timed_out || !s.m.get<lc::TimedOut>()) return "no timeout";
  return "timed out";
}

std::string input_with_deadline(lc::channel& self) {
  auto m = self.input(0.05);
  return m ? "got" : "nothing";
}

}  // namespace

TEST(functions, return_value_reaches_the_parent_as_returned_from_the_dead_child) {
  lc::channel self;
  auto child = self.create(answer);
  lc::message value = test::returned(self);
  EXPECT_EQ(self.return_address(), child);
  ASSERT_NE(value.get<std::int64_t>(), nullptr);
  EXPECT_EQ(*value.get<std::int64_t>(), 42);
  EXPECT_FALSE(lc::detail::alive(child));
}

TEST(functions, arguments_are_passed_and_void_returns_an_empty_value) {
  lc::channel self;
  self.create(add, std::int64_t{2}, std::int64_t{3});
  EXPECT_EQ(*test::returned(self).get<std::int64_t>(), 5);
  self.create(nothing);
  EXPECT_TRUE(test::returned(self).empty());
}

TEST(functions, an_escaping_exception_becomes_object_faulted) {
  lc::channel self;
  self.create(boom);
  auto value = test::returned(self);
  ASSERT_NE(value.get<lc::Faulted>(), nullptr);
  EXPECT_EQ(value.get<lc::Faulted>()->to_string(), "object faulted (unhandled exception (boom))");
}

TEST(functions, complete_ends_the_function_with_its_value) {
  lc::channel self;
  self.create(completes);
  auto value = test::returned(self);
  ASSERT_NE(value.get<Xy>(), nullptr);
  EXPECT_EQ(value.get<Xy>()->x, 7);
}

TEST(functions, addresses_come_from_one_counter_and_are_never_reused) {
  lc::channel self;
  auto a = self.create(answer);
  test::returned(self);
  auto b = self.create(answer);
  test::returned(self);
  EXPECT_GT(b.local_id(), a.local_id());
  EXPECT_GT(a.local_id(), self.self_address().local_id());
}

TEST(functions, input_sets_the_return_address_and_replies_reach_the_sender) {
  lc::channel self;
  auto child = self.create(echo_until_stop);
  self.send(Xy{3, 4}, child);
  EXPECT_EQ(test::expect<Xy>(self).y, 4);
  EXPECT_EQ(self.return_address(), child);
  self.send(lc::Stop{}, child);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "stopped");
}

TEST(functions, input_with_a_deadline_returns_nothing_when_nothing_comes) {
  lc::channel self;
  self.create(input_with_deadline);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "nothing");
}

TEST(functions, select_saves_and_replays_after_the_next_fresh_message) {
  lc::channel self;
  auto child = self.create(select_with_saving);
  self.send(Xy{}, child);
  self.send(lc::Ack{}, child);
  self.send(lc::Nak{}, child);
  lc::message value = test::returned(self);
  auto seen = value.get<std::vector<std::string>>();
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(*seen, (std::vector<std::string>{"Ack", "Xy", "Nak"}));
}

TEST(functions, saved_messages_are_taken_in_arrival_order_across_selects) {
  lc::channel self;
  auto child = self.create(serve_saved_jobs);
  self.send(Job{1}, child);
  self.send(Job{2}, child);
  self.send(lc::Ack{}, child);
  self.send(Job{3}, child);
  self.send(lc::Ack{}, child);
  self.send(lc::Ack{}, child);
  lc::message value = test::returned(self);
  auto served = value.get<std::vector<std::int64_t>>();
  ASSERT_NE(served, nullptr);
  EXPECT_EQ(*served, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(functions, select_logs_an_unmatched_message_as_dropped_and_its_timeout_works) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  auto child = self.create(select_drops_and_times_out);
  self.send(lc::Nak{}, child);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "timed out");
  EXPECT_TRUE(log.contains("Dropped Nak from " + self.self_address().to_string()));
}

TEST(functions, sending_to_a_dead_address_is_a_logged_no_op) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  auto child = self.create(answer);
  test::returned(self);
  self.send(lc::Ping{}, child);
  EXPECT_TRUE(log.contains(child.to_string() + " - Dropped Ping from " + self.self_address().to_string()));
}

TEST(functions, on_return_callbacks_run_through_handle_returned) {
  lc::channel self;
  std::int64_t seen = 0;
  auto child = self.create(answer);
  self.on_return(child, [&](lc::object&, const lc::message& v) { seen = *v.get<std::int64_t>(); });
  EXPECT_EQ(self.working(), 1u);
  lc::message m = test::next(self);
  EXPECT_TRUE(self.handle_returned(m));
  EXPECT_EQ(seen, 42);
  EXPECT_EQ(self.working(), 0u);
}

TEST(functions, abort_stops_every_assigned_child_and_its_value_wins) {
  lc::channel self;
  auto a = self.create(echo_until_stop);
  auto b = self.create(echo_until_stop);
  self.assign(a, 1);
  self.assign(b, 2);
  EXPECT_EQ(self.abort(), 2u);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "stopped");
  EXPECT_EQ(*test::returned(self).get<std::string>(), "stopped");
  EXPECT_EQ(std::any_cast<int>(*self.debrief(a)), 1);
  EXPECT_FALSE(self.debrief(a).has_value());
}

namespace {
std::string returns_at_once(lc::channel&) { return "early"; }
std::string waits_for_ack_only(lc::channel& self) {
  self.select<lc::Ack>();  // a Stop is dropped here
  return "acked";
}
}  // namespace

TEST(functions, stop_waits_for_that_childs_returned_and_keeps_every_other_message) {
  lc::channel self;
  auto a = self.create(echo_until_stop);
  auto b = self.create(returns_at_once);
  self.send(Xy{1, 2}, self.self_address());
  auto value = self.stop(a, 10);
  ASSERT_TRUE(value);
  EXPECT_EQ(*value->get<std::string>(), "stopped");
  bool saw_xy = false, saw_b = false;  // both kept, in whichever order they came
  for (int i = 0; i < 2; ++i) {
    auto m = test::next(self);
    if (auto* xy = m.get<Xy>()) saw_xy = xy->y == 2;
    if (auto* r = m.get<lc::Returned>()) saw_b = self.return_address() == b && *r->message.get<std::string>() == "early";
  }
  EXPECT_TRUE(saw_xy);
  EXPECT_TRUE(saw_b);
}

TEST(functions, stop_gives_up_at_its_deadline) {
  lc::channel self;
  auto deaf = self.create(waits_for_ack_only);
  EXPECT_FALSE(self.stop(deaf, 0.05));
  self.send(lc::Ack{}, deaf);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "acked");
}
