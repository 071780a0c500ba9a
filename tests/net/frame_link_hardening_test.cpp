// Framed links against a hostile or careless peer: a raw TCP client speaks the frame protocol to
// a real listener, which must keep its limits and its objects.
#include <gtest/gtest.h>

#include <regex>

#include "lc/listen_connect.hpp"
#include "lc/runtime.hpp"
#include "next_message.hpp"
#include "raw_client.hpp"
#include "test_types.hpp"

namespace frame_api {
// A value that decodes but may be out of range, like the scenarios' Xy.
struct Bounded {
  std::int64_t n = 0;
};
BOOST_DESCRIBE_STRUCT(Bounded, (), (n))
[[maybe_unused]] std::optional<lc::Faulted> validate(const Bounded& b) {
  if (b.n > 10) return lc::Faulted("bounded too big", "n over the limit of 10");
  return std::nullopt;
}
}  // namespace frame_api
LC_MESSAGE(frame_api::Bounded, "frame_api.Bounded")

namespace {

using clock_type = std::chrono::steady_clock;

// A frame from the peer's object 12 (its side of the link is 100, popped on arrival).
std::string frame_to(const std::string& to, const std::string& type, const std::string& fields) {
  return frame_of(R"({"value":{"to_address":)" + to + R"(,"return_address":[12],"tunnel":false}})",
                  R"({"value":[")" + type + R"(",)" + fields + ",[]]}");
}
std::string xy_frame(const std::string& to, int x) {
  return frame_to(to, "test_api.Xy", R"({"x":)" + std::to_string(x) + R"(,"y":1})");
}

unsigned short port_of(const lc::Listening& l) { return static_cast<unsigned short>(l.listening_ipp.port); }

// Answers Xy(x) with Inner{x, "victim"}; a Stop ends it.
std::string victim(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (auto* xy = m.get<test_api::Xy>()) self.reply(types_demo::Inner{xy->x, "victim"});
    else if (m.is<lc::Stop>()) return "stopped";
  }
}

std::string return_id(const std::string& frame) {
  std::smatch m;
  return std::regex_search(frame, m, std::regex(R"re("return_address":\[(\d+)\])re")) ? m[1].str() : "";
}

}  // namespace

TEST(frame_link_hardening, a_peer_cannot_stop_an_object_whose_address_it_was_never_given) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    auto target = self.create(victim);
    std::string id = std::to_string(target.local_id());
    raw_client peer(port_of(*listening));
    if (!next<lc::Accepted>(self, unexpected)) return "no Accepted";
    // Object ids are sequential: a peer can guess this one, but it was never sent to it.
    peer.send(frame_to("[" + id + ",100]", "layer_cake.point_runtime.Stop", "{}"));
    peer.send(xy_frame("[100]", 1));  // to the listener, the link's entry point
    if (!next<test_api::Xy>(self, unexpected)) return "no Xy at the entry point; saw" + unexpected;
    self.forward(lc::message(test_api::Xy{1, 1}), target, self.return_address());
    auto first = peer.frame();
    if (!first) return "no reply from the victim: the Stop reached it";
    if (return_id(*first) != id) return "a reply from someone else: " + *first;
    // Its address has now gone out on this link: the peer may use it.
    peer.send(xy_frame("[" + id + ",100]", 2));
    auto second = peer.frame();
    if (!second || second->find(R"({"a":2,"s":"victim"})") == std::string::npos) return "no answer to the given address";
    if (!lc::detail::alive(target)) return "the victim ended";
    return unexpected.empty() ? "ok" : "the listener saw" + unexpected;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

TEST(frame_link_hardening, a_listener_closes_an_accepted_peer_that_stays_silent_past_the_idle_timeout) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::frame_options{.idle_timeout = std::chrono::milliseconds(300)});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client silent(port_of(*listening));
    auto opened = clock_type::now();
    if (!next<lc::Accepted>(self, unexpected)) return "no Accepted";
    auto closed = next<lc::Closed>(self, unexpected, 5.0);
    double took = std::chrono::duration<double>(clock_type::now() - opened).count();
    if (!closed) return "no Closed within 5 s";
    if (closed->reason != lc::EndOfTransport::WENT_STALE) return "not WENT_STALE";
    if (took < 0.25) return "closed after " + std::to_string(took) + " s";
    if (!silent.closed_by_server()) return "the socket is still open";
    return unexpected.empty() ? "ok" : "the listener saw" + unexpected;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

TEST(frame_link_hardening, a_listener_closes_links_over_its_connection_cap_and_accepts_again_when_one_goes) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::frame_options{.max_connections = 2});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client a(port_of(*listening)), b(port_of(*listening));
    if (!next<lc::Accepted>(self, unexpected) || !next<lc::Accepted>(self, unexpected)) return "no Accepted";
    raw_client extra(port_of(*listening));
    if (!extra.closed_by_server()) return "a third link is open";
    a.close();
    if (!next<lc::Closed>(self, unexpected)) return "no Closed for the first";
    raw_client again(port_of(*listening));
    again.send(xy_frame("[100]", 3));
    auto xy = next<test_api::Xy>(self, unexpected);
    if (!xy || xy->x != 3) return "the link opened after one went does not work";
    return unexpected == " Accepted" ? "ok" : "the listener saw" + unexpected;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

TEST(frame_link_hardening, a_link_whose_peer_stops_reading_closes_when_its_queue_passes_the_byte_bound) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0}, lc::frame_options{.max_queued_bytes = 1u << 20});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client deaf(port_of(*listening));
    deaf.send(xy_frame("[100]", 1));
    if (!next<test_api::Xy>(self, unexpected)) return "no Xy";
    lc::address peer = self.return_address();
    table chunk(20, std::vector<double>(1000, 0.123456789));  // about 240 kB a frame
    for (int i = 0; i < 400; ++i) self.send(chunk, peer);     // 96 MB: more than any socket buffer
    auto closed = next<lc::Closed>(self, unexpected, 20.0);
    if (!closed) return "no Closed";
    if (closed->reason != lc::EndOfTransport::OUTBOUND_STREAMING) return "not OUTBOUND_STREAMING";
    if (closed->note.value_or("").find("max_queued_bytes") == std::string::npos) return "note: " + closed->note.value_or("");
    return "ok";
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

TEST(frame_link_hardening, a_frame_over_the_default_cap_closes_the_link_unread_and_reaches_no_one) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client peer(port_of(*listening));
    if (!next<lc::Accepted>(self, unexpected)) return "no Accepted";
    peer.try_send(frame_to("[100]", "test_api.Big", R"({"s":")" + std::string(2u << 20, 'x') + R"("})"));
    auto closed = next<lc::Closed>(self, unexpected);
    if (!closed) return "no Closed; saw" + unexpected;
    if (closed->reason != lc::EndOfTransport::INBOUND_STREAMING) return "not INBOUND_STREAMING";
    if (closed->note.value_or("").find("oversize frame") == std::string::npos) return "note: " + closed->note.value_or("");
    return unexpected.empty() ? "ok" : "the listener saw" + unexpected;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}

TEST(frame_link_hardening, a_value_its_type_refuses_is_answered_with_the_refusal_and_never_delivered) {
  auto result = lc::run_main([](lc::channel& self) -> std::string {
    std::string unexpected;
    lc::listen(self, lc::HostPort{"127.0.0.1", 0});
    auto listening = next<lc::Listening>(self, unexpected);
    if (!listening) return "no Listening";
    raw_client peer(port_of(*listening));
    if (!next<lc::Accepted>(self, unexpected)) return "no Accepted";
    peer.send(frame_to("[100]", "frame_api.Bounded", R"({"n":11})"));
    auto refusal = peer.frame();
    if (!refusal) return "no answer to the refused value";
    if (refusal->find("over the limit of 10") == std::string::npos) return "not the refusal: " + *refusal;
    peer.send(frame_to("[100]", "frame_api.Bounded", R"({"n":3})"));
    auto accepted = next<frame_api::Bounded>(self, unexpected);
    if (!accepted) return "the value in range did not arrive; saw" + unexpected;
    if (accepted->n != 3) return "the refused value arrived";
    return unexpected.empty() ? "ok" : "the listener saw" + unexpected;
  });
  ASSERT_TRUE(result.get<std::string>());
  EXPECT_EQ(*result.get<std::string>(), "ok");
}
