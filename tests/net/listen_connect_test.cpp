// listen / connect through the runtime: real objects, real loopback sockets.
#include "lc/listen_connect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <thread>

#include <boost/describe/enum_to_string.hpp>

#include "net_service.hpp"
#include "lc/runtime.hpp"
#include "next_message.hpp"
#include "raw_client.hpp"
#include "test_types.hpp"

TEST(listen_connect, an_http_request_reaches_the_listener_and_its_reply_the_client) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::http_server<test_api::Xy>());
    auto listening = expect<lc::Listening>(self);
    if (!listening) return "no Listening";
    auto port = static_cast<unsigned short>(listening.get<lc::Listening>()->listening_ipp.port);
    std::string got;
    std::thread client([&] {
      raw_client c(port);
      c.send("GET /Xy?x=2&y=3 HTTP/1.1\r\n\r\nGET /Xy?x=1&y=1 HTTP/1.1\r\n\r\n");
      auto first = c.response();
      auto second = c.response();
      got = (first ? body_of(*first) : "none") + "|" + (second ? body_of(*second) : "none");
    });
    // Two requests, two return addresses: answer the second first.
    auto a = expect<test_api::Xy>(self);
    lc::address first_from = self.return_address();
    auto b = expect<test_api::Xy>(self);
    lc::address second_from = self.return_address();
    if (!a || !b) return "no Xy";
    if (first_from == second_from) return "same return address";
    self.send(table{{1.0}}, second_from);
    self.send(table{{2.0}}, first_from);
    self.send(table{{3.0}}, first_from);  // a second reply: dropped and logged
    client.join();
    return got;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(),
            R"({"value":["vector<vector<float8>>",[[2.0]],[]]}|{"value":["vector<vector<float8>>",[[1.0]],[]]})");
}

TEST(listen_connect, a_taken_port_gives_not_listening_with_the_reference_text) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = expect<lc::Listening>(self);
    if (!listening) return "no Listening";
    auto port = listening.get<lc::Listening>()->listening_ipp.port;
    lc::listen(self, lc::HostPort{"127.0.0.1", port});
    auto refused = expect<lc::NotListening>(self);
    if (!refused) return "no NotListening";
    return refused.get<lc::Faulted>()->to_string() + " " + std::to_string(refused.get<lc::Faulted>()->error_code.value_or(-1));
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_NE(result.get<std::string>()->find("cannot listen at \"127.0.0.1:"), std::string::npos);
  EXPECT_NE(result.get<std::string>()->find("(Address already in use) 98"), std::string::npos) << *result.get<std::string>();
}

// Two objects over a real framed loopback connection: requests and replies both ways, return
// addresses routed back, an oversize frame refused to its sender, Closed when the peer goes.
TEST(listen_connect, two_objects_exchange_messages_over_a_framed_connection) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = expect<lc::Listening>(self);
    if (!listening) return "no Listening";
    lc::HostPort where = listening.get<lc::Listening>()->listening_ipp;
    // The peer: connects, sends Xy to the listener's side, expects the table reply, then a
    // request from the far side, which it answers; then closes.
    self.create([](lc::channel& peer, lc::HostPort where) -> std::string {
      lc::connect(peer, where, lc::frame_options{10000});
      auto connected = expect<lc::Connected>(peer);
      if (!connected) return "no Connected";
      lc::address proxy = connected.get<lc::Connected>()->proxy_address;
      peer.send(test_api::Xy{4, 5}, proxy);  // one element: the remote controller (the listener)
      auto reply = expect<table>(peer);
      if (!reply || (*reply.get<table>())[0][0] != 9.0) return "no table";
      peer.send(table(100, std::vector<double>(100, 0.123)), proxy);  // too big for the cap
      // The refusal and the far side's question may come in either order.
      bool refused = false, asked = false;
      for (int i = 0; i < 2; ++i) {
        auto m = peer.input(30.0);
        if (!m) break;
        if (m->get<lc::Faulted>()) refused = true;
        if (auto* ask = m->get<types_demo::Inner>()) {
          asked = true;
          peer.reply(types_demo::Inner{ask->a + 1, "back"});
        }
      }
      if (!refused) return "no Faulted for the oversize frame";
      if (!asked) return "no Inner";
      auto closed_ack = expect<lc::Ack>(peer);
      if (!closed_ack) return "no Ack";
      peer.send(lc::Close{}, proxy);
      expect<lc::Closed>(peer);
      return "peer ok";
    }, where);
    auto accepted = expect<lc::Accepted>(self);
    if (!accepted) return "no Accepted";
    auto xy = expect<test_api::Xy>(self);
    if (!xy || xy.get<test_api::Xy>()->y != 5) return "no Xy";
    lc::address remote = self.return_address();
    if (remote.size() != 2) return "return address is not remote";
    self.reply(table{{9.0}});
    self.send(types_demo::Inner{41, "ask"}, remote);
    auto answer = expect<types_demo::Inner>(self);
    if (!answer || answer.get<types_demo::Inner>()->a != 42) return "no answer";
    self.send(lc::Ack{}, remote);
    // The peer's Returned may overtake this side's Closed: take both, in either order.
    std::optional<lc::EndOfTransport> reason;
    std::optional<std::string> peer_said;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while ((!reason || !peer_said) && std::chrono::steady_clock::now() < deadline) {
      auto m = self.input(1.0);
      if (!m) continue;
      if (auto* closed = m->get<lc::Closed>()) reason = closed->reason;
      if (auto* returned = m->get<lc::Returned>()) {
        auto* text = returned->message.get<std::string>();
        peer_said = text ? *text : "peer gave nothing";
      }
    }
    if (!reason) return "no Closed";
    if (*reason != lc::EndOfTransport::ABANDONED_BY_REMOTE) return "wrong reason";
    return peer_said.value_or("no Returned");
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "peer ok");
}

// Process teardown sends Stop to every connection's proxy. It must close the connection, as the
// reference's proxy does, and never travel: a Stop frame made a Python server abort (INTEROP.md).
TEST(listen_connect, a_stop_to_a_framed_connection_closes_it_and_never_reaches_the_peer) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = expect<lc::Listening>(self);
    if (!listening) return "no Listening";
    lc::connect(self, listening.get<lc::Listening>()->listening_ipp);
    auto connected = expect<lc::Connected>(self);
    if (!connected) return "no Connected";
    self.send(lc::Stop{}, connected.get<lc::Connected>()->proxy_address);
    std::vector<std::string> seen;  // the two ends close on their own strands: in either order
    for (int closed = 0; closed < 2;) {
      auto m = self.input(10.0);
      if (!m) return "nothing after " + std::to_string(seen.size()) + " messages";
      if (auto* c = m->get<lc::Closed>()) {
        ++closed;
        seen.push_back(std::string("Closed:") + boost::describe::enum_to_string(c->reason, "?"));
      } else if (m->is<lc::Stop>()) {
        seen.push_back("Stop");
      }
    }
    std::sort(seen.begin(), seen.end());
    std::string text;
    for (const auto& s : seen) text += " " + s;
    return text;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), " Closed:ABANDONED_BY_REMOTE Closed:ON_REQUEST");
}

TEST(listen_connect, connecting_to_a_closed_port_gives_not_connected) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    lc::connect(self, lc::HostPort{"127.0.0.1", 1});
    auto refused = expect<lc::NotConnected>(self);
    return refused ? refused.get<lc::Faulted>()->to_string() : "no NotConnected";
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "cannot connect to \"127.0.0.1:1\" (Connection refused)");
}

// LC_NETWORK_THREADS picks how many threads run the network; ctest also runs this whole suite
// with LC_NETWORK_THREADS=4 (net_suite_on_four_network_threads).
TEST(listen_connect, the_network_runs_on_as_many_threads_as_lc_network_threads_asks) {
  const char* asked = std::getenv("LC_NETWORK_THREADS");
  const std::int64_t expected = asked ? std::stol(asked) : 1;
  auto result = lc::run_main([&](lc::channel& self) -> std::int64_t {
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::http_server<test_api::Xy>());
    if (!expect<lc::Listening>(self)) return 0;
    return static_cast<std::int64_t>(lc::detail::net_service::instance().running_threads());
  });
  auto* threads = result.get<std::int64_t>();
  ASSERT_NE(threads, nullptr) << result.type_name();
  EXPECT_EQ(*threads, expected);
}
