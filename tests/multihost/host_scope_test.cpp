// HOST scope across processes: host-cake on a free loopback port, a publisher and a subscriber
// (host_publisher.cpp, host_subscriber.cpp) told where it is with --connect-to-directory.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "host_cake_process.hpp"
#include "lc/lc.hpp"

struct not_a_directory_message {
  std::int64_t x = 0;
};
BOOST_DESCRIBE_STRUCT(not_a_directory_message, (), (x))
LC_MESSAGE(not_a_directory_message, "test.multihost.NotADirectoryMessage")

namespace {

using namespace scenario_test;

// host-cake's lines, as the reference's host-cake writes them.
const std::string published_line = R"(Published "test-host:worker"[ScopeOfDirectory.HOST] (127.0.0.1:)";
const std::string subscribed_line = R"(Subscribed "test-host:worker"[ScopeOfDirectory.HOST])";
const std::string route_line = "Route (name=test-host:worker,scope=ScopeOfDirectory.HOST,encrypted=False)";

TEST(host_scope, a_subscriber_finds_a_publisher_in_another_process_and_gets_a_reply) {
  auto host = start_host_cake();
  auto publisher = start_listing("host_publisher", host);
  ASSERT_TRUE(host.process->wait_for_line(contains(published_line), 10s))
      << host.process->output();
  auto subscriber = start_listing("host_subscriber", host);
  EXPECT_TRUE(subscriber->wait_for_line(contains("subscriber: available HOST"), 10s)) << subscriber->output();
  EXPECT_TRUE(publisher->wait_for_line(contains("publisher: delivered HOST"), 10s)) << publisher->output();
  EXPECT_TRUE(subscriber->wait_for_line(contains("subscriber: reply hello back"), 10s)) << subscriber->output();
  EXPECT_TRUE(host.process->wait_for_line(contains(route_line), 10s));
}

TEST(host_scope, a_subscriber_started_before_the_publisher_still_gets_available) {
  auto host = start_host_cake();
  auto subscriber = start_listing("host_subscriber", host);
  ASSERT_TRUE(host.process->wait_for_line(contains(subscribed_line), 10s))
      << host.process->output();
  auto publisher = start_listing("host_publisher", host);
  EXPECT_TRUE(subscriber->wait_for_line(contains("subscriber: available HOST"), 10s)) << subscriber->output();
  EXPECT_TRUE(subscriber->wait_for_line(contains("subscriber: reply hello back"), 10s)) << subscriber->output();
}

// host-cake's line when the listing of `side` ("publisher" or "subscriber") is withdrawn.
std::string cleared_line(const std::string& side) {
  return side == "publisher" ? R"(Cleared published "test-host:worker"[ScopeOfDirectory.HOST])"
                             : R"(Cleared subscribed "test-host:worker"[ScopeOfDirectory.HOST])";
}

// Kills one side once the match is made; the other hears Dropped and host-cake withdraws the
// killed side's listing.
void kill_and_expect_dropped(const std::string& killed, const std::string& survivor) {
  auto host = start_host_cake();
  std::map<std::string, std::unique_ptr<scenario_server>> side;
  side["publisher"] = start_listing("host_publisher", host);
  side["subscriber"] = start_listing("host_subscriber", host);
  ASSERT_TRUE(side["subscriber"]->wait_for_line(contains("subscriber: reply hello back"), 10s))
      << side["subscriber"]->output();
  ASSERT_TRUE(side["publisher"]->wait_for_line(contains("publisher: delivered HOST"), 10s));
  side[killed]->signal(SIGKILL);
  EXPECT_TRUE(side[survivor]->wait_for_line(contains(survivor + ": dropped"), 10s)) << side[survivor]->output();
  EXPECT_TRUE(host.process->wait_for_line(contains(cleared_line(killed)), 10s)) << host.process->output();
}

TEST(host_scope, the_publisher_killed_gives_the_subscriber_dropped_and_withdraws_its_listing) {
  kill_and_expect_dropped("publisher", "subscriber");
}

TEST(host_scope, the_subscriber_killed_gives_the_publisher_dropped_and_withdraws_its_listing) {
  kill_and_expect_dropped("subscriber", "publisher");
}

// One side withdraws its listing after the first exchange; both hear Dropped, the other
// process stays, and host-cake withdraws the listing.
void clear_and_expect_dropped(const std::string& clearing, const std::string& other) {
  auto host = start_host_cake();
  std::map<std::string, std::unique_ptr<scenario_server>> side;
  auto flags = [&](const std::string& name) {
    return name == clearing ? std::vector<std::string>{"--clear-after=true"} : std::vector<std::string>{};
  };
  side["publisher"] = start_listing("host_publisher", host, flags("publisher"));
  side["subscriber"] = start_listing("host_subscriber", host, flags("subscriber"));
  ASSERT_TRUE(side[clearing]->wait_for_line(contains(clearing + ": cleared"), 10s)) << side[clearing]->output();
  EXPECT_TRUE(side[clearing]->wait_for_line(contains(clearing + ": dropped"), 10s)) << side[clearing]->output();
  EXPECT_TRUE(side[other]->wait_for_line(contains(other + ": dropped"), 10s)) << side[other]->output();
  EXPECT_TRUE(host.process->wait_for_line(contains(cleared_line(clearing)), 10s)) << host.process->output();
}

TEST(host_scope, a_publisher_that_clears_its_name_gives_both_sides_dropped) {
  clear_and_expect_dropped("publisher", "subscriber");
}

TEST(host_scope, a_subscriber_that_clears_its_search_gives_both_sides_dropped) {
  clear_and_expect_dropped("subscriber", "publisher");
}

TEST(host_scope, a_restarted_host_cake_gets_the_listings_again_and_the_match_is_not_made_twice) {
  auto host = start_host_cake();
  auto publisher = start_listing("host_publisher", host);
  auto subscriber = start_listing("host_subscriber", host);
  ASSERT_TRUE(subscriber->wait_for_line(contains("subscriber: reply hello back"), 10s)) << subscriber->output();
  host.process->signal(SIGKILL);
  ASSERT_TRUE(host.process->wait_exit(5s));
  auto again = std::make_unique<scenario_server>(
      binary_path("host-cake"),
      std::vector<std::string>{"--directory-at-host=" + host_port(host.port), "--debug-level=CONSOLE"},
      std::map<std::string, std::string>{});
  EXPECT_TRUE(again->wait_for_line(contains(route_line), 10s)) << again->output();
  ASSERT_TRUE(again->wait_for_line(contains(subscribed_line), 10s));
  ASSERT_TRUE(again->wait_for_line(contains(published_line), 10s));
  // A subscriber started now is routed after the first one was routed again: once the publisher
  // has heard it, a second loop for the first would have been delivered too.
  auto late = start_listing("host_subscriber", host_cake_at{host.port});
  EXPECT_TRUE(late->wait_for_line(contains("subscriber: reply hello back"), 10s)) << late->output();
  EXPECT_TRUE(publisher->wait_for_lines(contains("publisher: delivered HOST"), 2, 10s));
  EXPECT_EQ(publisher->count_lines(contains("publisher: delivered HOST")), 2u) << publisher->output();
  EXPECT_EQ(subscriber->count_lines(contains("subscriber: available")), 1u) << subscriber->output();
}

TEST(host_scope, sigint_ends_host_cake_promptly) {
  auto host = start_host_cake();
  auto publisher = start_listing("host_publisher", host);
  ASSERT_TRUE(host.process->wait_for_line(contains(published_line), 10s));
  host.process->signal(SIGINT);
  auto status = host.process->wait_exit(5s);
  ASSERT_TRUE(status.has_value()) << host.process->output();
  EXPECT_TRUE(status->exited);
}

}  // namespace

namespace {

// Bytes that are not a frame, on a connection of their own.
void send_raw(unsigned short port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_port = htons(port);
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&at), sizeof at), 0);
  ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  char ignored[64];
  while (::read(fd, ignored, sizeof ignored) > 0) {}  // until host-cake closes it
  ::close(fd);
}

TEST(host_scope, host_cake_logs_and_drops_bad_directory_traffic_and_keeps_matching) {
  auto host = start_host_cake();
  ASSERT_NO_FATAL_FAILURE(send_raw(host.port, "12,x,3\n{not a frame"));
  EXPECT_TRUE(host.process->wait_for_line(contains("Lost directory at 127.0.0.1:"), 10s)) << host.process->output();

  lc::channel self;
  lc::connect(self, lc::HostPort{"127.0.0.1", host.port});
  auto connected = self.select<lc::Connected, lc::NotConnected>(10.0);
  ASSERT_TRUE(connected.m.get<lc::Connected>()) << connected.m.type_name();
  auto proxy = connected.m.get<lc::Connected>()->proxy_address;
  self.send(not_a_directory_message{1}, proxy);
  self.send(lc::Published{"test-host:narrow", lc::ScopeOfDirectory::PROCESS, false, lc::uuid::random(),
                          lc::HostPort{"127.0.0.1", 1}, self.self_address()},
            proxy);
  EXPECT_TRUE(host.process->wait_for_line(
      contains("Unexpected test.multihost.NotADirectoryMessage from directory at 127.0.0.1:"), 10s))
      << host.process->output();
  EXPECT_TRUE(host.process->wait_for_line(contains("Unexpected listing \"test-host:narrow\" at a process's scope"), 10s))
      << host.process->output();
  EXPECT_EQ(host.process->count_lines(contains("Published \"test-host:narrow\"")), 0u);

  auto publisher = start_listing("host_publisher", host);
  auto subscriber = start_listing("host_subscriber", host);
  EXPECT_TRUE(subscriber->wait_for_line(contains("subscriber: reply hello back"), 10s)) << subscriber->output();
}

}  // namespace
