#include <chrono>
#include <set>

#include "lc/delay.hpp"
#include "lc/get_response.hpp"
#include "lc/object_spool.hpp"
#include "probe.hpp"

using clock_type = std::chrono::steady_clock;

namespace {

double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

std::string echo_until_stop(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return "stopped";
    self.reply(m);
  }
}

void leaves_without_reply(lc::channel& self) { self.input(); }

// A spool worker. Job id < 0: ends without replying. id >= 100: tells the observer it holds the
// job and replies once the observer sends Ack. Otherwise replies at once.
std::string worker(lc::channel& self, lc::address observer) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return "stopped";
    auto* job = m.get<Job>();
    if (!job) continue;
    auto client = self.return_address();
    if (job->id < 0) return "died";
    if (job->id >= 100) {
      self.send(*job, observer);
      if (self.select<lc::Ack, lc::Stop>().index == 1) return "stopped";
    }
    self.send(*job, client);
  }
}

}  // namespace

TEST(get_response, completes_with_the_first_reply) {
  lc::channel self;
  auto server = self.create(echo_until_stop);
  self.create<lc::GetResponse>(lc::message(Xy{9, 9}), server);
  auto v = test::returned(self);
  ASSERT_NE(v.get<Xy>(), nullptr);
  EXPECT_EQ(v.get<Xy>()->x, 9);
  self.send(lc::Stop{}, server);
  test::returned(self);
}

TEST(get_response, times_out_with_timed_out) {
  lc::channel self;
  lc::channel silent("silent");
  auto t0 = clock_type::now();
  self.create<lc::GetResponse>(lc::message(Xy{}), silent.self_address(), 0.05);
  auto v = test::returned(self);
  EXPECT_GE(since(t0), 0.05);
  ASSERT_NE(v.get<lc::TimedOut>(), nullptr);
  EXPECT_EQ(v.get<lc::TimedOut>()->to_string(), "timed out (\"T1\" exceeded)");
}

TEST(get_response, completes_aborted_on_stop) {
  lc::channel self;
  lc::channel silent("silent");
  auto g = self.create<lc::GetResponse>(lc::message(Xy{}), silent.self_address());
  test::expect<Xy>(silent);  // the request arrived
  self.send(lc::Stop{}, g);
  EXPECT_NE(test::returned(self).get<lc::Aborted>(), nullptr);
}

TEST(get_response, faults_at_once_when_the_target_is_dead) {
  lc::channel self;
  auto dead = self.create(leaves_without_reply);
  self.send(lc::Ping{}, dead);
  test::returned(self);
  auto t0 = clock_type::now();
  self.create<lc::GetResponse>(lc::message(Xy{}), dead, 30.0);
  auto v = test::returned(self, 5);
  EXPECT_LT(since(t0), 5.0);
  ASSERT_NE(v.get<lc::Faulted>(), nullptr);
  EXPECT_EQ(v.get<lc::Faulted>()->to_string(), "no response (address " + dead.to_string() + " is not alive)");
}

TEST(get_response, faults_when_the_target_ends_before_replying) {
  lc::channel self;
  auto server = self.create(leaves_without_reply);
  auto g = self.create<lc::GetResponse>(lc::message(Xy{}), server, 30.0);
  std::set<std::string> seen;
  for (int i = 0; i < 2; ++i) {
    auto r = test::expect<lc::Returned>(self, 5);
    if (self.return_address() == g) {
      ASSERT_NE(r.message.get<lc::Faulted>(), nullptr);
      EXPECT_EQ(r.message.get<lc::Faulted>()->to_string(),
                "no response (address " + server.to_string() + " ended before replying)");
    }
    seen.insert(self.return_address().to_string());
  }
  EXPECT_EQ(seen.size(), 2u);
}

TEST(object_spool, rejects_bad_parameters_with_the_reference_text) {
  lc::channel self;
  self.create<lc::ObjectSpool>(lc::workers(worker, self.self_address()), lc::spool_settings{.object_count = 0});
  auto v = test::returned(self);
  ASSERT_NE(v.get<lc::Faulted>(), nullptr);
  EXPECT_EQ(v.get<lc::Faulted>()->condition,
            "unexpected parameters (count=0, size=None, responsiveness=5.0), stand_down=30.0)");
}

TEST(object_spool, queues_when_no_worker_is_idle_and_overloads_when_the_queue_is_full) {
  lc::channel self;
  lc::channel observer("observer");
  auto spool = self.create<lc::ObjectSpool>(lc::workers(worker, observer.self_address()),
                                            lc::spool_settings{.object_count = 2, .size_of_queue = 3});
  for (int i = 0; i < 8; ++i) self.send(Job{100 + i}, spool);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(test::expect<lc::Overloaded>(self).condition, "message rejected by spool (overloaded, 3 pending)");
  std::set<std::int64_t> done;
  for (int i = 0; i < 5; ++i) {
    test::expect<Job>(observer);
    observer.send(lc::Ack{}, observer.return_address());
    done.insert(test::expect<Job>(self).id);
  }
  EXPECT_EQ(done, (std::set<std::int64_t>{100, 101, 102, 103, 104}));
  self.send(lc::Stop{}, spool);
  EXPECT_NE(test::returned(self).get<lc::Aborted>(), nullptr);
}

TEST(object_spool, passes_one_in_busy_pass_rate_while_the_average_is_slow) {
  lc::channel self;
  lc::channel observer("observer");
  auto spool = self.create<lc::ObjectSpool>(
      lc::workers(worker, observer.self_address()),
      lc::spool_settings{.object_count = 1, .responsiveness = 0.5, .busy_pass_rate = 3});
  self.send(Job{100}, spool);
  test::expect<Job>(observer);
  EXPECT_FALSE(observer.input(1.6).has_value());  // hold the job: the average becomes slow
  observer.send(lc::Ack{}, observer.return_address());
  EXPECT_EQ(test::expect<Job>(self).id, 100);
  std::vector<std::string> outcomes;
  for (int i = 1; i <= 6; ++i) {
    self.send(Job{i}, spool);
    outcomes.push_back(test::next(self).type_name());
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"Busy", "Busy", "Job", "Busy", "Busy", "Job"}));
  self.send(lc::Stop{}, spool);
  test::returned(self);
}

TEST(object_spool, a_dead_worker_faults_its_client_at_once_and_is_replaced) {
  lc::channel self;
  auto spool = self.create<lc::ObjectSpool>(lc::workers(worker, self.self_address()),
                                            lc::spool_settings{.object_count = 1, .stand_down = 2.0});
  auto t0 = clock_type::now();
  self.send(Job{-1}, spool);
  auto f = test::expect<lc::Faulted>(self);
  EXPECT_EQ(f.condition, "no response");
  EXPECT_LT(since(t0), 1.4);  // before any replacement (>= 1.5 s) and without a timeout
  self.send(Job{1}, spool);   // waits for the replacement
  EXPECT_EQ(test::expect<Job>(self, 10).id, 1);
  EXPECT_GE(since(t0), 1.5);
  self.send(lc::Stop{}, spool);
  EXPECT_NE(test::returned(self).get<lc::Aborted>(), nullptr);
}

namespace {
// A spool of one worker, busy with job 100 (from `self`) until the observer sends Ack.
struct busy_spool {
  lc::channel self;
  lc::channel observer{"observer"};
  lc::address spool = self.create<lc::ObjectSpool>(lc::workers(worker, observer.self_address()),
                                                   lc::spool_settings{.object_count = 1});
  busy_spool() {
    self.send(Job{100}, spool);
    test::expect<Job>(observer);
  }
};
}  // namespace

TEST(object_spool, stop_aborts_every_queued_and_in_flight_client) {
  busy_spool s;
  s.self.send(Job{2}, s.spool);  // queued
  s.self.send(lc::Stop{}, s.spool);
  EXPECT_NE(test::expect<lc::Aborted>(s.self).condition, "");
  EXPECT_NE(test::expect<lc::Aborted>(s.self).condition, "");
  auto v = test::returned(s.self);
  EXPECT_NE(v.get<lc::Aborted>(), nullptr);
  EXPECT_EQ(s.self.return_address(), s.spool);
}

// Workers that join from outside: created by the test, handed to the spool with JoinSpool.
namespace {
lc::address external_worker(lc::channel& self, lc::address observer) { return self.create(worker, observer); }
const char* const no_worker_text = "Service temporarily unavailable (no worker and no immediate prospects of one)";
}  // namespace

TEST(object_spool, without_workers_answers_temporarily_unavailable_until_one_joins) {
  lc::channel self;
  auto spool = self.create<lc::ObjectSpool>(lc::spool_settings{});
  self.send(Job{1}, spool);
  EXPECT_EQ(test::expect<lc::TemporarilyUnavailable>(self).condition, no_worker_text);
  auto a = external_worker(self, self.self_address());
  self.send(lc::JoinSpool{a}, spool);
  self.send(Job{2}, spool);
  EXPECT_EQ(test::expect<Job>(self).id, 2);
  self.send(lc::Stop{}, spool);
  EXPECT_NE(test::returned(self).get<lc::Aborted>(), nullptr);
}

TEST(object_spool, a_worker_that_leaves_while_idle_gets_no_more_work) {
  lc::channel self;
  lc::channel observer("observer");
  auto spool = self.create<lc::ObjectSpool>(lc::spool_settings{});
  auto a = external_worker(self, observer.self_address());
  auto b = external_worker(self, observer.self_address());
  self.send(lc::JoinSpool{a}, spool);
  self.send(lc::JoinSpool{b}, spool);
  self.send(lc::LeaveSpool{a}, spool);
  for (int id = 100; id < 103; ++id) {
    self.send(Job{id}, spool);
    EXPECT_EQ(test::expect<Job>(observer).id, id);
    EXPECT_EQ(observer.return_address(), b);  // the worker holding the job
    observer.send(lc::Ack{}, b);
    EXPECT_EQ(test::expect<Job>(self).id, id);
  }
  self.send(lc::Stop{}, spool);
  test::returned(self);
}

TEST(object_spool, a_worker_that_leaves_while_working_aborts_its_client_and_is_not_reused) {
  lc::channel self;
  lc::channel observer("observer");
  auto spool = self.create<lc::ObjectSpool>(lc::spool_settings{});
  auto a = external_worker(self, observer.self_address());
  self.send(lc::JoinSpool{a}, spool);
  self.send(Job{100}, spool);
  test::expect<Job>(observer);  // a holds it
  self.send(lc::LeaveSpool{a}, spool);
  EXPECT_NE(test::expect<lc::Aborted>(self).condition, "");
  self.send(Job{1}, spool);  // the reference would hand this to a again
  EXPECT_EQ(test::expect<lc::TemporarilyUnavailable>(self).condition, no_worker_text);
  self.send(lc::Stop{}, spool);
  test::returned(self);
}

TEST(object_spool, a_worker_that_joins_twice_is_listed_once) {
  lc::channel self;
  auto spool = self.create<lc::ObjectSpool>(lc::spool_settings{});
  auto a = external_worker(self, self.self_address());
  self.send(lc::JoinSpool{a}, spool);
  self.send(lc::JoinSpool{a}, spool);
  self.send(lc::LeaveSpool{a}, spool);
  self.send(Job{1}, spool);
  EXPECT_EQ(test::expect<lc::TemporarilyUnavailable>(self).condition, no_worker_text);
  self.send(lc::Stop{}, spool);
  test::returned(self);
}

TEST(object_spool, a_joined_worker_that_ended_while_idle_is_skipped) {
  lc::channel self;
  auto spool = self.create<lc::ObjectSpool>(lc::spool_settings{});
  auto gone = self.create(leaves_without_reply);
  auto a = external_worker(self, self.self_address());
  self.send(lc::JoinSpool{gone}, spool);
  self.send(lc::JoinSpool{a}, spool);
  self.send(lc::Ping{}, gone);
  test::returned(self);  // gone has ended
  self.send(Job{1}, spool);
  EXPECT_EQ(test::expect<Job>(self).id, 1);  // served by a, not faulted by the dead one
  self.send(lc::Stop{}, spool);
  test::returned(self);
}

TEST(object_spool, a_queued_request_whose_client_has_gone_is_dropped_not_run) {
  busy_spool s;
  {
    lc::channel departed("departed");
    departed.send(Job{101}, s.spool);  // queued behind 100; its client ends at the brace
  }
  s.self.send(Job{102}, s.spool);
  s.observer.send(lc::Ack{}, s.observer.return_address());
  EXPECT_EQ(test::expect<Job>(s.self).id, 100);
  EXPECT_EQ(test::expect<Job>(s.observer).id, 102) << "the departed client's job was run";
  s.observer.send(lc::Ack{}, s.observer.return_address());
  EXPECT_EQ(test::expect<Job>(s.self).id, 102);
  s.self.send(lc::Stop{}, s.spool);
  test::returned(s.self);
}
