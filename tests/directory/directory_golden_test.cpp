// Every line of golden/directory-messages.jsonl, from the Python original: each directory message
// written as Any, byte for byte, and read back to the same bytes; the scope enum on its own.
#include <functional>
#include <map>

#include <gtest/gtest.h>

#include "golden_lines.hpp"
#include "lc/codec.hpp"
#include "lc/directory_messages.hpp"

namespace {

using namespace std::chrono;
using lc::ScopeOfDirectory;

const lc::uuid P = lc::uuid::from_string("11111111-2222-4333-8444-555555555555");
const lc::uuid S = lc::uuid::from_string("66666666-7777-4888-8999-aaaaaaaaaaaa");
const lc::uuid R = lc::uuid::from_string("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");
const lc::address PUB{7}, SUB{9}, HOME{3};
constexpr auto PROCESS = ScopeOfDirectory::PROCESS;

lc::world_time opened_at() {
  lc::world_time t;
  t.utc = sys_days(year(2025) / 1 / 2) + hours(3) + minutes(4) + seconds(5) + microseconds(120000);
  return t;
}

const std::map<std::string, lc::message>& messages() {
  static const std::map<std::string, lc::message> cases{
      {"publish_as", lc::message(lc::PublishAs{"test-multihosting:worker-9", PROCESS, PUB, false})},
      {"subscribe_to", lc::message(lc::SubscribeTo{"test-multihosting:worker-[0-9]+", ScopeOfDirectory::HOST, SUB})},
      {"published", lc::message(lc::Published{"worker", PROCESS, false, P, lc::HostPort{"127.0.0.1", 0}, HOME})},
      {"subscribed", lc::message(lc::Subscribed{"work.*", PROCESS, S, HOME})},
      {"clear_published", lc::message(lc::ClearPublished{"worker", PROCESS, P, "done"})},
      {"clear_subscribed", lc::message(lc::ClearSubscribed{"work.*", PROCESS, S, "done"})},
      {"published_cleared", lc::message(lc::PublishedCleared{"worker", PROCESS, P, "done"})},
      {"published_cleared_no_note", lc::message(lc::PublishedCleared{"worker", PROCESS, P, {}})},
      {"subscribed_cleared", lc::message(lc::SubscribedCleared{"work.*", PROCESS, S, "done"})},
      {"not_published", lc::message(lc::NotPublished("worker", PROCESS, "already published"))},
      {"not_subscribed", lc::message(lc::NotSubscribed("(", PROCESS, "duplicates/search expression"))},
      {"available", lc::message(lc::Available{"worker", PROCESS, R, S, P, PUB, opened_at()})},
      {"delivered", lc::message(lc::Delivered{"worker", PROCESS, R, S, P, SUB, opened_at()})},
      {"dropped", lc::message(lc::Dropped{"worker", PROCESS, R, S, P, PUB, opened_at()})},
  };
  return cases;
}

const std::map<std::string, ScopeOfDirectory> scopes{
    {"scope_WAN", ScopeOfDirectory::WAN},     {"scope_LAN", ScopeOfDirectory::LAN},
    {"scope_HOST", ScopeOfDirectory::HOST},   {"scope_GROUP", ScopeOfDirectory::GROUP},
    {"scope_PROCESS", PROCESS},               {"scope_LIBRARY", ScopeOfDirectory::LIBRARY},
};

}  // namespace

TEST(directory_golden, every_message_is_written_as_the_original_writes_it) {
  std::size_t checked = 0;
  for (const auto& line : read_lines("directory-messages.jsonl")) {
    auto name = text(line.at("case"));
    auto expected = text(line.at("encoded"));
    if (auto s = scopes.find(name); s != scopes.end()) {
      EXPECT_EQ(lc::encode(s->second), expected) << name;
      EXPECT_EQ(lc::decode<ScopeOfDirectory>(expected), s->second) << name;
      ++checked;
      continue;
    }
    auto m = messages().find(name);
    ASSERT_NE(m, messages().end()) << "no C++ value for golden case " << name;
    EXPECT_EQ(lc::encode_any(m->second), expected) << name;
    EXPECT_EQ(m->second.type()->signature, text(line.at("type"))) << name;
    EXPECT_EQ(lc::encode_any(lc::decode_any(expected)), expected) << name << " read back";
    ++checked;
  }
  EXPECT_EQ(checked, messages().size() + scopes.size());
}

TEST(directory_golden, a_refusal_read_from_the_original_is_a_faulted) {
  for (const auto& line : read_lines("directory-messages.jsonl")) {
    if (text(line.at("case")) != "not_published") continue;
    auto m = lc::decode_any(text(line.at("encoded")));
    ASSERT_NE(m.get<lc::Faulted>(), nullptr);
    EXPECT_EQ(m.get<lc::Faulted>()->to_string(), R"(cannot publish as "worker" (already published))");
    ASSERT_NE(m.get<lc::NotPublished>(), nullptr);
    EXPECT_EQ(m.get<lc::NotPublished>()->name, "worker");
  }
}
