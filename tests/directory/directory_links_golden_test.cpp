// Every line of golden/directory-links.jsonl, from the Python original: each message that goes
// between directories written as Any, byte for byte, and read back to the same bytes.
#include <map>

#include <gtest/gtest.h>

#include "golden_lines.hpp"
#include "lc/codec.hpp"
#include "lc/directory_links.hpp"

namespace {

const lc::uuid P = lc::uuid::from_string("11111111-2222-4333-8444-555555555555");
const lc::uuid S = lc::uuid::from_string("66666666-7777-4888-8999-aaaaaaaaaaaa");
const lc::uuid R = lc::uuid::from_string("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");
const lc::address PUB{7}, SUB{9}, HOME{3};
constexpr auto HOST = lc::ScopeOfDirectory::HOST;
const lc::HostPort IPP{"127.0.0.1", 40123};

const std::map<std::string, lc::message>& messages() {
  static const lc::Published published{"worker", HOST, false, P, IPP, HOME};
  static const lc::Subscribed subscribed{"work.*", HOST, S, HOME};
  static const lc::OpenLoop open{"worker", HOST, R, S, P, SUB};
  static const std::map<std::string, lc::message> cases{
      {"published_directory", lc::message(lc::PublishedDirectory{{published}, {subscribed}})},
      {"published_directory_empty", lc::message(lc::PublishedDirectory{})},
      {"clear_listings", lc::message(lc::ClearListings{{S}, {P}})},
      {"route_over_loop", lc::message(lc::RouteOverLoop{R, HOST, false, S, P, "worker", IPP})},
      {"clear_subscriber_route", lc::message(lc::ClearSubscriberRoute{S, "worker", R})},
      {"clear_publisher_route", lc::message(lc::ClearPublisherRoute{P, "worker", R})},
      {"open_loop", lc::message(open)},
      {"loop_opened", lc::message(lc::LoopOpened{PUB})},
      {"close_loop", lc::message(lc::CloseLoop{open})},
      {"loop_closed", lc::message(lc::LoopClosed{{PUB}})},
  };
  return cases;
}

}  // namespace

TEST(directory_golden, every_message_between_directories_is_written_as_the_original_writes_it) {
  std::size_t checked = 0;
  for (const auto& line : read_lines("directory-links.jsonl")) {
    auto name = text(line.at("case"));
    auto m = messages().find(name);
    ASSERT_NE(m, messages().end()) << "no C++ value for golden case " << name;
    auto expected = text(line.at("encoded"));
    EXPECT_EQ(lc::encode_any(m->second), expected) << name;
    EXPECT_EQ(m->second.type()->signature, text(line.at("type"))) << name;
    EXPECT_EQ(lc::encode_any(lc::decode_any(expected)), expected) << name << " read back";
    ++checked;
  }
  EXPECT_EQ(checked, messages().size());
}
