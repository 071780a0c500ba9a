#include <stdexcept>

#include "probe.hpp"

namespace {

// Echoes Xy, counts faults, stops on Stop with the number of echoes.
struct echo : lc::stateless<echo, lc::Start, Xy, lc::Faulted, lc::Stop> {
  std::int64_t echoes = 0;
  std::string start_from;
  void on(const lc::Start&) { start_from = return_address().to_string(); }
  void on(const Xy& xy) {
    ++echoes;
    reply(Xy{xy.x + 1, xy.y});
  }
  void on(const lc::Faulted& f) { reply(lc::Faulted(f.condition, "seen")); }
  void on(const lc::Stop&) { complete(echoes); }
};
struct threaded_echo : echo {
  static constexpr bool threaded = true;
};
struct named_echo : echo {
  static constexpr std::string_view thread_name = "echo-thread";
};

struct catch_all : lc::stateless<catch_all, lc::Start> {
  void on(const lc::Start&) {}
  void on_unknown(const lc::message& m) { complete(m.type_name()); }
};

struct faulty : lc::stateless<faulty, lc::Start> {
  void on(const lc::Start&) { throw std::logic_error("bad start"); }
};

enum class gate_state { CLOSED, OPEN };
BOOST_DESCRIBE_ENUM(gate_state, CLOSED, OPEN)

// In CLOSED, Xy is saved until Ack opens the gate; in OPEN each Xy is echoed and Stop ends it.
struct gate : lc::state_machine<gate, gate_state, lc::Start, lc::Ack, Xy, lc::Stop> {
  gate() : state_machine(gate_state::CLOSED) {}
  std::int64_t passed = 0;
  gate_state on(lc::in<gate_state::CLOSED>, const lc::Start&) { return gate_state::CLOSED; }
  gate_state on(lc::in<gate_state::CLOSED>, const lc::Ack&) { return gate_state::OPEN; }
  lc::saved on(lc::in<gate_state::CLOSED>, const Xy&) { return lc::save; }
  gate_state on(lc::in<gate_state::OPEN>, const Xy& xy) {
    ++passed;
    reply(xy);
    return gate_state::OPEN;
  }
  gate_state on(lc::in<gate_state::OPEN>, const lc::Stop&) { complete(passed); }
};

lc::placement placement_named(std::string name) { return {lc::placement::named_thread, std::move(name)}; }

void exercise_echo(lc::channel& self, lc::address machine) {
  self.send(Xy{1, 2}, machine);
  EXPECT_EQ(test::expect<Xy>(self).x, 2);
  EXPECT_EQ(self.return_address(), machine);
  self.send(lc::TimedOut{}, machine);  // a kind of Faulted: caught by the Faulted handler
  EXPECT_EQ(*test::expect<lc::Faulted>(self).explanation, "seen");
  self.send(lc::Stop{}, machine);
  EXPECT_EQ(*test::returned(self).get<std::int64_t>(), 1);
  EXPECT_EQ(self.return_address(), machine);
}

void exercise_gate(lc::channel& self, lc::address machine) {
  self.send(Xy{5, 5}, machine);
  self.send(lc::Ack{}, machine);
  EXPECT_EQ(test::expect<Xy>(self).x, 5);  // the saved Xy, replayed after the Ack
  self.send(Xy{6, 6}, machine);
  EXPECT_EQ(test::expect<Xy>(self).x, 6);
  self.send(lc::Stop{}, machine);
  EXPECT_EQ(*test::returned(self).get<std::int64_t>(), 2);
}

}  // namespace

TEST(machines, stateless_runs_on_the_default_dispatcher) {
  lc::channel self;
  exercise_echo(self, self.create<echo>());
}
TEST(machines, stateless_runs_on_a_named_thread) {
  lc::channel self;
  exercise_echo(self, self.create<named_echo>());
}
TEST(machines, stateless_runs_on_its_own_thread) {
  lc::channel self;
  exercise_echo(self, self.create<threaded_echo>());
}
TEST(machines, state_machine_saves_and_transitions_on_the_default_dispatcher) {
  lc::channel self;
  exercise_gate(self, self.create<gate>());
}
TEST(machines, state_machine_saves_and_transitions_on_a_named_thread) {
  lc::channel self;
  exercise_gate(self, lc::create_on<gate>(self, placement_named("gate-thread")));
}
TEST(machines, state_machine_saves_and_transitions_on_its_own_thread) {
  lc::channel self;
  exercise_gate(self, lc::create_on<gate>(self, lc::placement{lc::placement::own_thread, {}}));
}

TEST(machines, start_comes_first_from_the_parent) {
  lc::channel self;
  auto m = self.create<echo>();
  self.send(lc::Stop{}, m);
  test::returned(self);
  // Start was handled before Stop, from the parent; checked through the log below.
  test::log_capture log(lc::log_level::OBJECT);
  auto m2 = self.create<echo>();
  self.send(lc::Stop{}, m2);
  test::returned(self);
  EXPECT_TRUE(log.contains(m2.to_string() + "echo - Received Start from " + self.self_address().to_string()));
}

TEST(machines, an_unknown_handler_catches_unlisted_messages) {
  lc::channel self;
  auto m = self.create<catch_all>();
  self.send(lc::Nak{}, m);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "Nak");
}

TEST(machines, an_unhandled_message_is_logged_as_dropped) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  auto m = self.create<echo>();
  self.send(lc::Nak{}, m);
  self.send(lc::Stop{}, m);
  test::returned(self);
  EXPECT_TRUE(log.contains(m.to_string() + "echo - Dropped Nak from " + self.self_address().to_string()));
}

TEST(machines, an_exception_in_a_handler_becomes_object_faulted) {
  lc::channel self;
  self.create<faulty>();
  auto v = test::returned(self);
  ASSERT_NE(v.get<lc::Faulted>(), nullptr);
  EXPECT_EQ(v.get<lc::Faulted>()->to_string(), "object faulted (unhandled exception (bad start))");
}

TEST(machines, state_machine_logs_name_with_its_state) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  auto g = self.create<gate>();
  self.send(lc::Ack{}, g);
  self.send(lc::Stop{}, g);
  test::returned(self);
  EXPECT_TRUE(log.contains(g.to_string() + "gate[OPEN] - Received Stop from "));
}

namespace {

// finish() records the value and returns: the Ack sent after it still goes out, then the machine ends.
struct finisher : lc::stateless<finisher, lc::Start, Xy, lc::Stop> {
  void on(const lc::Start&) {}
  void on(const Xy& xy) {
    finish(xy.x);
    reply(lc::Ack{});
  }
  void on(const lc::Stop&) {
    abort(lc::Aborted{});  // the stored value replaces finish()'s, as with complete()
    finish(std::int64_t{0});
  }
};
struct threaded_finisher : finisher {
  static constexpr bool threaded = true;
};

// A state machine that finishes in a handler returning its next state.
struct finishing_gate : lc::state_machine<finishing_gate, gate_state, lc::Start, lc::Ack> {
  finishing_gate() : state_machine(gate_state::CLOSED) {}
  gate_state on(lc::in<gate_state::CLOSED>, const lc::Start&) { return gate_state::CLOSED; }
  gate_state on(lc::in<gate_state::CLOSED>, const lc::Ack&) {
    finish(std::string("finished"));
    return gate_state::OPEN;
  }
};

void exercise_finisher(lc::channel& self, lc::address machine) {
  self.send(Xy{7, 1}, machine);
  test::expect<lc::Ack>(self);  // sent after finish(): the handler ran to its end
  EXPECT_EQ(*test::returned(self).get<std::int64_t>(), 7);
  EXPECT_EQ(self.return_address(), machine);
  EXPECT_FALSE(lc::detail::alive(machine));
}

}  // namespace

TEST(machines, finish_ends_the_machine_when_the_handler_returns_on_the_default_dispatcher) {
  lc::channel self;
  exercise_finisher(self, self.create<finisher>());
}
TEST(machines, finish_ends_the_machine_when_the_handler_returns_on_a_named_thread) {
  lc::channel self;
  exercise_finisher(self, lc::create_on<finisher>(self, placement_named("finisher-thread")));
}
TEST(machines, finish_ends_the_machine_when_the_handler_returns_on_its_own_thread) {
  lc::channel self;
  exercise_finisher(self, self.create<threaded_finisher>());
}

TEST(machines, finish_logs_destroyed_and_calls_the_parents_on_return_callback) {
  test::log_capture log(lc::log_level::OBJECT);
  lc::channel self;
  auto m = self.create<finisher>();
  lc::message seen;
  self.on_return(m, [&](lc::object&, const lc::message& value) { seen = value; });
  self.send(Xy{3, 1}, m);
  test::expect<lc::Ack>(self);
  auto returned = test::next(self);
  ASSERT_TRUE(self.handle_returned(returned));
  EXPECT_EQ(*seen.get<std::int64_t>(), 3);
  EXPECT_TRUE(log.contains(m.to_string() + "finisher - Destroyed"));
}

TEST(machines, finish_after_abort_returns_the_aborted_value) {
  lc::channel self;
  auto m = self.create<finisher>();
  self.send(lc::Stop{}, m);
  EXPECT_TRUE(test::returned(self).is<lc::Aborted>());
}

TEST(machines, finish_in_a_state_machine_ends_it_after_the_transition) {
  lc::channel self;
  auto g = self.create<finishing_gate>();
  self.send(lc::Ack{}, g);
  EXPECT_EQ(*test::returned(self).get<std::string>(), "finished");
  EXPECT_FALSE(lc::detail::alive(g));
}
