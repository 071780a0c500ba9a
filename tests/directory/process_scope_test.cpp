// The directory inside a whole process run: the documentation's server and worker find each other
// by name (functions on their own threads, waiting in select), and the directory goes with the
// runtime and starts afresh on the next run.
#include "lc/directory.hpp"
#include "probe.hpp"

namespace {

// Publishes itself and answers each Job until Stop.
std::string worker(lc::channel& self) {
  lc::publish(self, "ps-20:worker-9");
  if (self.select<lc::Published>(10).index == lc::selected::timed_out) return "not published";
  for (;;) {
    auto m = self.input();
    if (m.get<lc::Stop>()) return "stopped";
    if (auto* job = m.get<Job>()) self.reply(Job{job->id * 2});
  }
}

// Subscribes, waits for the worker, sends it a job and returns the answer.
std::int64_t server(lc::channel& self) {
  auto w = self.create(worker);
  lc::subscribe(self, R"(ps-20:worker-[0-9]+)");
  auto available = self.select<lc::Available>(10);
  if (available.index == lc::selected::timed_out) return -1;
  auto answer = self.ask<Job>(Job{21}, available.m.get<lc::Available>()->publisher_address, 10);
  self.send(lc::Stop{}, w);
  self.select<lc::Returned>(10);
  return answer.index == 0 ? answer.m.get<Job>()->id : -2;
}

lc::address directory_seen;

void publishes_and_returns(lc::channel& self) {
  directory_seen = lc::directory_address();
  lc::publish(self, "ps-21:main");
  self.select<lc::Published>(10);
}

}  // namespace

TEST(process_scope, a_server_finds_its_worker_by_name_and_gets_an_answer) {
  auto result = lc::run_main(server);
  ASSERT_NE(result.get<std::int64_t>(), nullptr) << result.type_name();
  EXPECT_EQ(*result.get<std::int64_t>(), 42);
}

TEST(process_scope, the_directory_goes_with_the_runtime_and_starts_afresh_on_the_next_run) {
  lc::run_main(publishes_and_returns);
  auto first = directory_seen;
  EXPECT_FALSE(lc::detail::alive(first));
  lc::run_main(publishes_and_returns);
  EXPECT_NE(directory_seen, first);
  lc::channel self("self");
  lc::publish(self, "ps-21:main");
  test::expect<lc::Published>(self);
}
