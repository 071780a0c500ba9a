// Publish/subscribe inside one process: matches in either order, regular expressions, the end of
// either side, clearing, and refusals. Every test uses names of its own: the directory lives as
// long as the process.
#include <set>

#include "lc/directory.hpp"
#include "probe.hpp"

namespace {

// Nothing more arrives within `seconds`.
void expect_quiet(lc::channel& c, double seconds = 0.2) {
  auto m = c.input(seconds);
  EXPECT_FALSE(m) << "unexpected " << m->type_name();
}

struct matched {
  lc::Published published;
  lc::Subscribed subscribed;
  lc::Available available;
  lc::Delivered delivered;
};

// pub publishes `name`, then sub subscribes to `search`; both hear of the match.
matched publish_then_subscribe(lc::channel& pub, lc::channel& sub, const std::string& name,
                               const std::string& search) {
  matched m;
  lc::publish(pub, name);
  m.published = test::expect<lc::Published>(pub);
  lc::subscribe(sub, search);
  m.subscribed = test::expect<lc::Subscribed>(sub);
  m.available = test::expect<lc::Available>(sub);
  m.delivered = test::expect<lc::Delivered>(pub);
  return m;
}

}  // namespace

TEST(publish_subscribe, publish_then_subscribe_gives_available_and_delivered) {
  lc::channel pub("pub"), sub("sub");
  lc::publish(pub, "ps-1:worker");
  auto published = test::expect<lc::Published>(pub);
  EXPECT_EQ(published.name, "ps-1:worker");
  EXPECT_EQ(published.scope, lc::ScopeOfDirectory::HOST);
  EXPECT_EQ(pub.return_address(), lc::directory_address());
  EXPECT_EQ(published.home_address, lc::directory_address());

  lc::subscribe(sub, "ps-1:worker", lc::ScopeOfDirectory::PROCESS);
  auto subscribed = test::expect<lc::Subscribed>(sub);
  EXPECT_EQ(subscribed.search, "ps-1:worker");
  EXPECT_EQ(subscribed.scope, lc::ScopeOfDirectory::PROCESS);

  auto available = test::expect<lc::Available>(sub);
  EXPECT_EQ(sub.return_address(), pub.self_address());
  EXPECT_EQ(available.publisher_address, pub.self_address());
  EXPECT_EQ(available.name, "ps-1:worker");
  EXPECT_EQ(available.scope, lc::ScopeOfDirectory::PROCESS);
  EXPECT_EQ(available.published_id, published.published_id);
  EXPECT_EQ(available.subscribed_id, subscribed.subscribed_id);

  auto delivered = test::expect<lc::Delivered>(pub);
  EXPECT_EQ(pub.return_address(), sub.self_address());
  EXPECT_EQ(delivered.subscriber_address, sub.self_address());
  EXPECT_EQ(delivered.route_id, available.route_id);
  EXPECT_EQ(delivered.opened_at, available.opened_at);
  expect_quiet(sub);
  expect_quiet(pub);
}

TEST(publish_subscribe, subscribe_then_publish_gives_available_and_delivered) {
  lc::channel pub("pub"), sub("sub");
  lc::subscribe(sub, "ps-2:worker");
  auto subscribed = test::expect<lc::Subscribed>(sub);
  expect_quiet(sub);

  lc::publish(pub, "ps-2:worker");
  auto published = test::expect<lc::Published>(pub);
  auto delivered = test::expect<lc::Delivered>(pub);
  EXPECT_EQ(pub.return_address(), sub.self_address());
  auto available = test::expect<lc::Available>(sub);
  EXPECT_EQ(sub.return_address(), pub.self_address());
  EXPECT_EQ(available.published_id, published.published_id);
  EXPECT_EQ(available.subscribed_id, subscribed.subscribed_id);
  EXPECT_EQ(delivered.route_id, available.route_id);
}

TEST(publish_subscribe, a_regular_expression_matches_two_publications_and_only_whole_names) {
  lc::channel sub("sub"), one("one"), two("two"), other("other"), longer("longer");
  lc::subscribe(sub, R"(ps-3:worker-[0-9]+)");
  test::expect<lc::Subscribed>(sub);
  lc::publish(one, "ps-3:worker-1");
  lc::publish(two, "ps-3:worker-22");
  lc::publish(other, "ps-3:other");
  lc::publish(longer, "ps-3:worker-1x");
  for (auto* p : {&one, &two, &other, &longer}) test::expect<lc::Published>(*p);

  std::set<std::string> publishers;
  std::set<std::string> names;
  for (int i = 0; i < 2; ++i) {
    auto available = test::expect<lc::Available>(sub);
    publishers.insert(available.publisher_address.to_string());
    names.insert(available.name);
  }
  EXPECT_EQ(publishers, (std::set<std::string>{one.self_address().to_string(), two.self_address().to_string()}));
  EXPECT_EQ(names, (std::set<std::string>{"ps-3:worker-1", "ps-3:worker-22"}));
  test::expect<lc::Delivered>(one);
  test::expect<lc::Delivered>(two);
  expect_quiet(sub);
  expect_quiet(other, 0.01);
  expect_quiet(longer, 0.01);
}

TEST(publish_subscribe, a_publisher_ending_gives_the_subscriber_dropped_and_frees_the_name) {
  lc::channel sub("sub");
  lc::address gone;
  lc::uuid route;
  {
    lc::channel pub("pub");
    auto m = publish_then_subscribe(pub, sub, "ps-4:worker", "ps-4:worker");
    gone = pub.self_address();
    route = m.available.route_id;
  }
  auto dropped = test::expect<lc::Dropped>(sub);
  EXPECT_EQ(sub.return_address(), gone);
  EXPECT_EQ(dropped.remote_address, gone);
  EXPECT_EQ(dropped.route_id, route);

  lc::channel again("again");
  lc::publish(again, "ps-4:worker");
  test::expect<lc::Published>(again);
  EXPECT_EQ(test::expect<lc::Available>(sub).publisher_address, again.self_address());
}

TEST(publish_subscribe, a_subscriber_ending_gives_the_publisher_dropped) {
  lc::channel pub("pub");
  lc::address gone;
  {
    lc::channel sub("sub");
    publish_then_subscribe(pub, sub, "ps-5:worker", "ps-5:.*");
    gone = sub.self_address();
  }
  auto dropped = test::expect<lc::Dropped>(pub);
  EXPECT_EQ(pub.return_address(), gone);
  EXPECT_EQ(dropped.remote_address, gone);
  expect_quiet(pub);
}

TEST(publish_subscribe, clear_published_drops_the_match_and_withdraws_the_name) {
  lc::channel pub("pub"), sub("sub");
  auto m = publish_then_subscribe(pub, sub, "ps-6:worker", "ps-6:worker");
  lc::clear_published(pub, m.published, "done");
  auto cleared = test::expect<lc::PublishedCleared>(pub);
  EXPECT_EQ(cleared.published_id, m.published.published_id);
  EXPECT_EQ(cleared.note, "done");
  EXPECT_EQ(test::expect<lc::Dropped>(pub).remote_address, sub.self_address());
  auto dropped = test::expect<lc::Dropped>(sub);
  EXPECT_EQ(dropped.remote_address, pub.self_address());
  EXPECT_EQ(dropped.route_id, m.available.route_id);

  lc::channel late("late");
  lc::subscribe(late, "ps-6:worker");
  test::expect<lc::Subscribed>(late);
  expect_quiet(late);
  expect_quiet(pub, 0.01);
}

TEST(publish_subscribe, clear_subscribed_drops_the_match_and_ends_the_search) {
  lc::channel pub("pub"), sub("sub");
  auto m = publish_then_subscribe(pub, sub, "ps-7:worker", "ps-7:.*");
  lc::clear_subscribed(sub, m.subscribed);
  auto cleared = test::expect<lc::SubscribedCleared>(sub);
  EXPECT_EQ(cleared.subscribed_id, m.subscribed.subscribed_id);
  EXPECT_FALSE(cleared.note);
  test::expect<lc::Dropped>(sub);
  test::expect<lc::Dropped>(pub);

  lc::channel more("more");
  lc::publish(more, "ps-7:another");
  test::expect<lc::Published>(more);
  expect_quiet(sub);
}

TEST(publish_subscribe, a_duplicate_publish_is_refused) {
  lc::channel first("first"), second("second");
  lc::publish(first, "ps-8:worker");
  test::expect<lc::Published>(first);
  lc::publish(second, "ps-8:worker");
  auto refused = test::next(second);
  auto* not_published = refused.get<lc::NotPublished>();
  ASSERT_NE(not_published, nullptr) << refused.type_name();
  EXPECT_EQ(not_published->name, "ps-8:worker");
  EXPECT_EQ(not_published->note, "already published");
  ASSERT_NE(refused.get<lc::Faulted>(), nullptr);
  EXPECT_EQ(refused.get<lc::Faulted>()->to_string(), R"(cannot publish as "ps-8:worker" (already published))");
}

TEST(publish_subscribe, a_bad_regular_expression_is_refused) {
  lc::channel sub("sub");
  lc::subscribe(sub, "ps-9:(");
  auto refused = test::expect<lc::NotSubscribed>(sub);
  EXPECT_EQ(refused.search, "ps-9:(");
  EXPECT_EQ(refused.condition, R"(cannot subscribe to "ps-9:(")");
  EXPECT_EQ(refused.note, "duplicates/search expression");
}

TEST(publish_subscribe, the_same_search_twice_from_one_object_is_refused) {
  lc::channel sub("sub");
  lc::subscribe(sub, "ps-10:.*");
  test::expect<lc::Subscribed>(sub);
  lc::subscribe(sub, "ps-10:.*");
  EXPECT_EQ(test::expect<lc::NotSubscribed>(sub).note, "already subscribed");
}

namespace {
// A machine publishes on Start and reports its first Delivered to the test.
struct service : lc::stateless<service, lc::Start, lc::Published, lc::Delivered, lc::Stop> {
  explicit service(lc::address observer) : observer_(observer) {}
  void on(const lc::Start&) { lc::publish(*this, "ps-11:service"); }
  void on(const lc::Published&) {}
  void on(const lc::Delivered& d) { send(d, observer_); }
  void on(const lc::Stop&) { finish(lc::Aborted{}); }
  lc::address observer_;
};
}  // namespace

TEST(publish_subscribe, a_machine_publishes_and_hears_delivered) {
  lc::channel self("self");
  auto machine = self.create<service>(self.self_address());
  lc::subscribe(self, "ps-11:service");
  test::expect<lc::Subscribed>(self);
  auto first = test::next(self);
  auto second = test::next(self);
  if (first.get<lc::Delivered>()) std::swap(first, second);
  ASSERT_NE(first.get<lc::Available>(), nullptr) << first.type_name();
  ASSERT_NE(second.get<lc::Delivered>(), nullptr) << second.type_name();
  EXPECT_EQ(first.get<lc::Available>()->publisher_address, machine);
  self.send(lc::Stop{}, machine);
  lc::selected ended = self.select<lc::Returned>(10);
  EXPECT_NE(ended.index, lc::selected::timed_out);
}

namespace {
// Publishes `name` and waits for Stop.
void publisher(lc::channel& self, std::string name) {
  lc::publish(self, name);
  self.select<lc::Stop>(10);
}
}  // namespace

// The directory's answers leave in the order it made them, whichever threads send to it: a
// subscriber hears Subscribed before any Available, while publishers on other threads race it.
TEST(publish_subscribe, subscribed_comes_before_available_while_publishers_race) {
  for (int round = 0; round < 100; ++round) {
    lc::channel sub("sub");
    std::string prefix = "ps-12:" + std::to_string(round) + ":";
    std::vector<lc::address> publishers;
    for (int i = 0; i < 4; ++i) publishers.push_back(sub.create(publisher, prefix + std::to_string(i)));
    lc::subscribe(sub, prefix + ".*");
    auto first = test::next(sub);
    ASSERT_NE(first.get<lc::Subscribed>(), nullptr) << "round " << round << ": " << first.type_name();
    for (int i = 0; i < 4; ++i) test::expect<lc::Available>(sub);
    for (auto& p : publishers) sub.send(lc::Stop{}, p);
    for (std::size_t i = 0; i < publishers.size(); ++i)
      ASSERT_NE(sub.select<lc::Returned>(10).index, lc::selected::timed_out);
  }
}
