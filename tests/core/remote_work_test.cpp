// Objects created while handling a message from beyond a connection work for that remote party:
// when its connection ends they get Stop, and one created after it ended never runs.
#include <atomic>
#include <future>

#include "probe.hpp"

namespace {

// A stand-in for a connection proxy: remote parties are routes through it.
struct fake_connection {
  lc::address proxy = lc::detail::add_external([](lc::message, lc::address, lc::address) {}, "fake-connection");
  lc::address party = lc::address{7, proxy.local_id()};
  ~fake_connection() { lc::detail::remove_external(proxy); }
};

std::string waits_for_stop(lc::channel& self) {
  for (;;)
    if (self.input().get<lc::Stop>()) return "stopped";
}

// Creates a waits_for_stop child for every Job, then acks; passes Returned on to the test.
void creates_per_job(lc::channel& self, lc::address test) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return;
    if (m.get<Job>()) {
      self.create(waits_for_stop);
      self.send(lc::Ack{}, test);
    }
    if (auto* r = m.get<lc::Returned>()) self.send(*r, test);
  }
}

struct server {
  lc::channel test;
  lc::address creator = test.create(creates_per_job, test.self_address());
  ~server() {
    test.send(lc::Stop{}, creator);
    while (auto m = test.input(5.0))
      if (m->is<lc::Returned>() && test.return_address() == creator) break;
  }
};

TEST(remote_work, objects_created_for_a_remote_party_are_stopped_when_its_connection_retires) {
  server s;
  fake_connection link;
  lc::detail::post(Job{}, s.creator, link.party);
  test::expect<lc::Ack>(s.test);
  lc::detail::retire_external(link.proxy);
  EXPECT_FALSE(lc::detail::alive(link.party));
  auto r = test::expect<lc::Returned>(s.test);
  ASSERT_NE(r.message.get<std::string>(), nullptr) << r.message.type_name();
  EXPECT_EQ(*r.message.get<std::string>(), "stopped");
}

TEST(remote_work, a_retired_connection_still_hears_late_replies) {
  std::atomic<int> heard{0};
  lc::address proxy = lc::detail::add_external([&](lc::message, lc::address, lc::address) { ++heard; }, "late");
  lc::detail::retire_external(proxy);
  EXPECT_FALSE(lc::detail::alive(proxy));
  EXPECT_FALSE(lc::detail::watch(proxy, proxy));
  lc::detail::post(lc::Ack{}, lc::address{3, proxy.local_id()}, lc::address{});
  EXPECT_EQ(heard.load(), 1);
  lc::detail::remove_external(proxy);
}

TEST(remote_work, an_object_created_for_a_party_already_gone_never_runs_and_returns_aborted) {
  server s;
  fake_connection link;
  lc::detail::retire_external(link.proxy);
  lc::detail::post(Job{}, s.creator, link.party);
  test::expect<lc::Ack>(s.test);
  auto r = test::expect<lc::Returned>(s.test);
  EXPECT_TRUE(r.message.is<lc::Aborted>()) << r.message.type_name();
}

TEST(remote_work, objects_created_for_a_local_sender_are_not_stopped_by_any_connection) {
  server s;
  fake_connection link;
  lc::detail::post(Job{}, s.creator, s.test.self_address());
  test::expect<lc::Ack>(s.test);
  lc::detail::retire_external(link.proxy);
  EXPECT_FALSE(s.test.input(0.2)) << "a child of a local request ended";
}

// Holds its mailbox shut until `gate` opens, then counts the Jobs it is given; an Ack asks for
// the count.
std::int64_t counts_jobs(lc::channel& self, std::shared_future<void> gate) {
  gate.wait();
  std::int64_t jobs = 0;
  for (;;) {
    auto m = self.input();
    if (m.get<Job>()) ++jobs;
    if (m.get<lc::Ack>()) self.send(jobs, self.return_address());
    if (m.get<lc::Stop>()) return jobs;
  }
}

// Passes one Job on to `worker` (as GetResponse passes a request), tells the test, then waits.
std::string passes_a_job(lc::channel& self, lc::address worker, lc::address test) {
  self.send(Job{}, worker);
  self.send(lc::Ack{}, test);
  return waits_for_stop(self);
}

void creates_job_passers(lc::channel& self, lc::address worker, lc::address test) {
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return;
    if (m.get<Job>()) self.create(passes_a_job, worker, test);
  }
}

TEST(remote_work, what_stopped_work_left_queued_at_a_busy_object_is_not_handed_to_it) {
  std::promise<void> open;
  lc::channel test;
  auto worker = test.create(counts_jobs, open.get_future().share());
  auto creator = test.create(creates_job_passers, worker, test.self_address());
  fake_connection link;
  for (int i = 0; i < 3; ++i) lc::detail::post(Job{}, creator, link.party);
  for (int i = 0; i < 3; ++i) test::expect<lc::Ack>(test);
  lc::detail::retire_external(link.proxy);  // the passers are stopped; their Jobs wait at the worker
  test.send(lc::Ack{}, worker);
  open.set_value();
  EXPECT_EQ(test::expect<std::int64_t>(test), 0) << "a job nobody waits for was worked on";
  test.send(Job{}, worker);  // a local sender's work is still done
  test.send(lc::Ack{}, worker);
  EXPECT_EQ(test::expect<std::int64_t>(test), 1);
  test.send(lc::Stop{}, creator);
  test.send(lc::Stop{}, worker);
}

}  // namespace
