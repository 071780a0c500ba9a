// Framed keep-alive (wire-contract §5.5) through the runtime, over real loopback sockets: between
// two of our connection ends, and against a raw socket that plays the peer and checks the bytes.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>

#include <boost/asio/strand.hpp>

#include "frame_keeper.hpp"
#include "lc/listen_connect.hpp"
#include "lc/log.hpp"
#include "lc/runtime.hpp"
#include "next_message.hpp"
#include "raw_client.hpp"
#include "test_types.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
namespace net = boost::asio;

// The next A and the next B, in either order (say a Closed and a child's Returned, which race).
template <class A, class B>
std::pair<std::optional<A>, std::optional<B>> next_two(lc::channel& self, std::string& unexpected, double seconds = 10.0) {
  std::pair<std::optional<A>, std::optional<B>> got;
  auto deadline = clock_type::now() + std::chrono::duration<double>(seconds);
  while ((!got.first || !got.second) && clock_type::now() < deadline) {
    auto m = self.input(std::chrono::duration<double>(deadline - clock_type::now()).count());
    if (!m) break;
    if (auto* a = m->get<A>()) got.first = *a;
    else if (auto* b = m->get<B>()) got.second = *b;
    else unexpected += " " + m->type_name();
  }
  return got;
}

// Nothing at all for `seconds`: true when the time passed quietly.
bool quiet_for(lc::channel& self, double seconds, std::string& unexpected) {
  auto deadline = clock_type::now() + std::chrono::duration<double>(seconds);
  while (clock_type::now() < deadline) {
    auto m = self.input(std::chrono::duration<double>(deadline - clock_type::now()).count());
    if (m) unexpected += " " + m->type_name();
  }
  return unexpected.empty();
}

double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

// "ok" when the app gets Closed(WENT_STALE, "unresponsive") about `after` seconds past `from`, the
// peer's socket is closed, and the app saw nothing else.
std::string went_stale(lc::channel& self, raw_client& peer, clock_type::time_point from, double after,
                       std::string& unexpected) {
  auto closed = next<lc::Closed>(self, unexpected, after + 5.0);
  double took = since(from);
  if (!closed) return "no Closed; saw" + unexpected;
  if (closed->reason != lc::EndOfTransport::WENT_STALE || closed->note != "unresponsive") return "not WENT_STALE";
  if (took < after - 0.5 || took > after + 2.0) return "stale after " + std::to_string(took) + " s";
  if (!peer.closed_by_server()) return "the socket is still open";
  return unexpected.empty() ? "ok" : "the app saw" + unexpected;
}

// StillThere frames our runtime sent, counted from the network log.
std::atomic<int> still_theres_sent{0};
void count_still_there(const std::string& line) {
  if (line.find("keep-alive StillThere sent") != std::string::npos) ++still_theres_sent;
}

std::string keep_alive_frame(const std::string& type, const std::string& to, const std::string& from,
                             const std::string& seconds) {
  return frame_of(R"({"value":{"to_address":)" + to + R"(,"return_address":)" + from + R"(,"tunnel":false}})",
                  R"({"value":["layer_cake.listen_connect.)" + type + R"(",{"seconds":)" + seconds + R"(},[]]})");
}

// A keep-alive frame read from the wire, checked against wire-contract §5 byte for byte:
// the size line matches the parts, and the parts have exactly the reference's shape.
struct seen_frame {
  std::string to;    // "[12,34]"
  std::string from;  // "[56]"
  double seconds = -1;
};
std::optional<seen_frame> parse_keep_alive(const std::string& bytes, const std::string& type) {
  static const std::regex shape(
      R"re(^(\d+),(\d+),(\d+)\n(\{"value":\{"to_address":(\[[0-9,]+\]),"return_address":(\[[0-9,]+\]),"tunnel":false\}\}))re"
      R"re((\{"value":\["layer_cake\.listen_connect\.(\w+)",\{"seconds":([0-9.e-]+)\},\[\]\]\})(\{"value":\[\]\})\n$)re");
  std::smatch m;
  if (!std::regex_match(bytes, m, shape) || m[8] != type) return std::nullopt;
  auto n0 = std::stoul(m[1]), n1 = std::stoul(m[2]), n3 = std::stoul(m[3]);
  auto length = [&](int i) { return static_cast<std::size_t>(m[i].length()); };
  if (n0 != length(4) || n1 != length(7) || n3 != n0 + n1 + length(10)) return std::nullopt;
  return seen_frame{m[5], m[6], std::stod(m[9])};
}


}  // namespace

TEST(keep_alive, two_runtimes_keep_a_link_up_across_ping_pong_rounds_and_the_apps_never_see_it) {
  still_theres_sent = 0;
  lc::detail::set_log_hook(&count_still_there);
  lc::set_log_level(lc::log_level::DEBUG);
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::frame_options{.keep_alive_period = 0.1});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    self.create([](lc::channel& peer, lc::HostPort where) -> std::string {
      std::string unexpected;
      lc::connect(peer, where, lc::frame_options{.keep_alive = true, .keep_alive_period = 0.1});
      auto connected = next<lc::Connected>(peer, unexpected);
      if (!connected) return "no Connected";
      if (!connected->request.keep_alive) return "Connected does not say keep_alive";
      // Past the KeepAlive's deadline (s + 3 s): only answered keep-alives keep the link up.
      if (!quiet_for(peer, 3.5, unexpected)) return "the connector saw" + unexpected;
      peer.send(test_api::Xy{1, 2}, connected->proxy_address);
      auto reply = next<types_demo::Inner>(peer, unexpected);
      if (!reply) return "no reply; saw" + unexpected;
      peer.send(lc::Close{}, connected->proxy_address);
      auto closed = next<lc::Closed>(peer, unexpected);
      if (!closed || closed->reason != lc::EndOfTransport::ON_REQUEST) return "no Closed(ON_REQUEST)";
      return unexpected.empty() ? "ok" : "the connector saw" + unexpected;
    }, listening->listening_ipp);
    if (!next<lc::Accepted>(self, unexpected)) return "no Accepted";
    auto xy = next<test_api::Xy>(self, unexpected);
    if (!xy) return "no Xy; saw" + unexpected;
    self.reply(types_demo::Inner{1, "still here"});
    auto [closed, returned] = next_two<lc::Closed, lc::Returned>(self, unexpected);
    if (!closed || closed->reason != lc::EndOfTransport::ABANDONED_BY_REMOTE) return "no Closed(ABANDONED_BY_REMOTE)";
    if (!returned || !returned->message.get<std::string>()) return "the connector returned nothing";
    if (*returned->message.get<std::string>() != "ok") return *returned->message.get<std::string>();
    return unexpected.empty() ? "ok" : "the listener saw" + unexpected;
  });
  lc::set_log_level(lc::log_level::NONE);
  lc::detail::set_log_hook(nullptr);
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
  EXPECT_GE(still_theres_sent.load(), 10) << "ping-pong rounds in 3.5 s at a 0.1 s period";
}

// The connector's KeepAlive as it leaves (checked from the raw socket), then silence: the app gets
// Closed(WENT_STALE) once the KeepAlive's seconds + 3 s have passed with no StillThere.
TEST(keep_alive, a_peer_that_never_answers_gets_a_keep_alive_frame_and_the_connector_app_gets_went_stale) {
  net::io_context io;
  net::ip::tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
  auto port = acceptor.local_endpoint().port();
  auto result = lc::run_main([&](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::connect(self, lc::HostPort{"127.0.0.1", port}, lc::frame_options{.keep_alive = true, .keep_alive_period = 0.2});
    auto connected = next<lc::Connected>(self, unexpected);
    if (!connected) return "no Connected";
    auto opened = clock_type::now();
    raw_client silent(acceptor);
    auto bytes = silent.frame();
    if (!bytes) return "no frame";
    auto keep = parse_keep_alive(*bytes, "KeepAlive");
    if (!keep) return "not a KeepAlive frame of the reference's shape: " + *bytes;
    if (keep->to != route({connected->proxy_address.local_id()})) return "KeepAlive not to the proxy: " + *bytes;
    if (keep->from != route({self.self_address().local_id()})) return "KeepAlive not from the app's end: " + *bytes;
    if (keep->seconds < 0.19 || keep->seconds >= 0.21) return "seconds not 0.2 x [0.95,1.05): " + *bytes;
    return went_stale(self, silent, opened, keep->seconds + 3.0, unexpected);
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

// A raw peer plays a Python connector (its keeper is object 12, its proxy 100): our listener answers
// KeepAlive(s) after s seconds, and StillThere(0) at once but never with seconds=0, each time to the
// return address it answers; when the peer falls silent, the listener's app gets Closed(WENT_STALE)
// after our StillThere's seconds + 5 s.
TEST(keep_alive, a_listener_answers_a_raw_peers_keep_alive_and_still_there_and_closes_when_it_falls_silent) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::frame_options{.keep_alive_period = 0.2});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client peer(static_cast<unsigned short>(listening->listening_ipp.port));
    auto accepted = next<lc::Accepted>(self, unexpected);
    if (!accepted) return "no Accepted";
    std::uint32_t proxy = accepted->proxy_address.local_id(), listener = self.self_address().local_id();

    auto asked = clock_type::now();
    peer.send(keep_alive_frame("KeepAlive", "[100]", "[12]", "0.3"));
    auto bytes = peer.frame();
    double waited = since(asked);
    if (!bytes) return "no answer to KeepAlive";
    auto still = parse_keep_alive(*bytes, "StillThere");
    if (!still) return "not a StillThere frame of the reference's shape: " + *bytes;
    if (still->to != route({12, proxy}) || still->from != route({listener})) return "wrong addresses: " + *bytes;
    if (still->seconds < 0.19 || still->seconds >= 0.21) return "seconds not 0.2 x [0.95,1.05): " + *bytes;
    if (waited < 0.3) return "answered KeepAlive(0.3) after " + std::to_string(waited) + " s";

    peer.send(keep_alive_frame("StillThere", route({listener, 100}), "[12]", "0.0"));
    bytes = peer.frame();
    auto answered = clock_type::now();
    if (!bytes) return "no answer to StillThere";
    auto again = parse_keep_alive(*bytes, "StillThere");
    if (!again || again->to != route({12, proxy})) return "not a StillThere to the peer's keeper: " + *bytes;
    if (again->seconds <= 0.0) return "answered with seconds=0";

    peer.read_timeout(10);  // silence from here on
    return went_stale(self, peer, answered, again->seconds + 5.0, unexpected);
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

// Stopping (what a closing connection does) cancels both timers: the io_context has nothing left
// to run, though the KeepAlive's deadline and a StillThere answer were minutes away.
TEST(keep_alive, a_stopped_keeper_leaves_no_timer_behind) {
  net::io_context io;
  auto strand = net::make_strand(io);
  std::vector<std::pair<std::string, lc::address>> sent;
  bool stale = false;
  auto keeper = std::make_shared<lc::detail::frame_keeper>(
      strand, 60.0, [&](lc::message m, const lc::address& to) { sent.emplace_back(m.type_name(), to); },
      [&] { stale = true; });
  net::post(strand, [&] {
    keeper->start(lc::address{7});
    EXPECT_TRUE(keeper->take(lc::message(lc::StillThere{120.0}), lc::address{5, 9}));
    EXPECT_FALSE(keeper->take(lc::message(test_api::Xy{}), lc::address{5, 9}));
    keeper->stop();
  });
  auto began = clock_type::now();
  io.run();  // returns only when no timer is left
  EXPECT_LT(since(began), 1.0);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].first, "KeepAlive");
  EXPECT_EQ(sent[0].second, lc::address{7});
  EXPECT_FALSE(stale);
  EXPECT_EQ(keeper.use_count(), 1) << "a timer handler still holds the keeper";
}

// A StillThere answers the KeepAlive even when it asks for a wait longer than the KeepAlive's
// deadline (s + 3 s): the link is not stale while this side waits to answer.
TEST(keep_alive, a_still_there_asking_for_a_long_wait_is_not_taken_for_silence) {
  net::io_context io;
  auto strand = net::make_strand(io);
  int sent = 0;
  bool stale = false;
  auto keeper = std::make_shared<lc::detail::frame_keeper>(
      strand, 0.1, [&](lc::message, const lc::address&) { ++sent; }, [&] { stale = true; });
  net::post(strand, [&] {
    keeper->start(lc::address{7});
    keeper->take(lc::message(lc::StillThere{60.0}), lc::address{5, 9});
  });
  io.run_for(std::chrono::milliseconds(3500));  // past the KeepAlive's 0.1 x [0.95,1.05) + 3 s
  EXPECT_FALSE(stale);
  EXPECT_EQ(sent, 1) << "only the KeepAlive: the StillThere is answered after 60 s";
  net::post(strand, [&] { keeper->stop(); });
  io.restart();
  io.run();
}
