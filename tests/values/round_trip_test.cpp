// Every portable type survives encode then decode, concrete and inside "any".
#include <deque>
#include <set>

#include <gtest/gtest.h>

#include "test_types.hpp"

namespace {

using namespace codec_test;

struct Everything {
  bool b = false;
  std::int16_t i2 = 0;
  std::int32_t i4 = 0;
  std::int64_t i8 = 0;
  std::uint8_t u1 = 0;
  std::uint16_t u2 = 0;
  std::uint32_t u4 = 0;
  std::uint64_t u8 = 0;
  float f4 = 0;
  double f8 = 0;
  std::string text;
  std::optional<std::int64_t> maybe;
  std::vector<Xy> xys;
  std::deque<std::string> names;
  std::set<std::int64_t> ids;
  std::map<std::int64_t, std::vector<double>> rows;
  std::array<double, 2> pair{};
  lc::address where;
  lc::message inside;
  lc::type_name_value kind;
  friend bool operator==(const Everything& a, const Everything& b) {
    auto same_message = [](const lc::message& x, const lc::message& y) {
      return lc::encode_any(x) == lc::encode_any(y);
    };
    return a.b == b.b && a.i2 == b.i2 && a.i4 == b.i4 && a.i8 == b.i8 && a.u1 == b.u1 && a.u2 == b.u2 &&
           a.u4 == b.u4 && a.u8 == b.u8 && a.f4 == b.f4 && a.f8 == b.f8 && a.text == b.text && a.maybe == b.maybe &&
           a.xys == b.xys && a.names == b.names && a.ids == b.ids && a.rows == b.rows && a.pair == b.pair &&
           a.where == b.where && same_message(a.inside, b.inside) && a.kind == b.kind;
  }
};
BOOST_DESCRIBE_STRUCT(Everything, (), (b, i2, i4, i8, u1, u2, u4, u8, f4, f8, text, maybe, xys, names, ids, rows, pair, where, inside, kind))

Everything full() {
  Everything e;
  e.b = true;
  e.i2 = -32768;
  e.i4 = 2147483647;
  e.i8 = std::numeric_limits<std::int64_t>::min();
  e.u1 = 255;
  e.u2 = 65535;
  e.u4 = 4294967295u;
  e.u8 = std::numeric_limits<std::uint64_t>::max();
  e.f4 = 0.1f;
  e.f8 = 5e-324;
  e.text = "tab\t\"q\" \xc3\xa9 \xf0\x9f\x98\x80";
  e.maybe = 42;
  e.xys = {{1, 2}, {3, 4}};
  e.names = {"a", "b"};
  e.ids = {3, 1, 2};
  e.rows = {{1, {0.5}}, {-2, {}}};
  e.pair = {1e300, -0.0};
  e.where = lc::address{7, 0x12345678};
  e.inside = lc::TimedOut(lc::T1{});
  e.kind = {"test_api.Xy"};
  return e;
}

}  // namespace

LC_MESSAGE(Everything, "codec_test.Everything")

namespace {

TEST(codec_round_trip, every_portable_type_survives_concrete_encoding) {
  auto e = full();
  EXPECT_EQ(lc::decode<Everything>(lc::encode(e)), e);
  EXPECT_EQ(lc::decode<Everything>(lc::encode(Everything{})), Everything{});
}

TEST(codec_round_trip, every_portable_type_survives_inside_any) {
  auto text = lc::encode_any(full());
  auto m = lc::decode_any(text);
  ASSERT_NE(m.get<Everything>(), nullptr);
  EXPECT_EQ(*m.get<Everything>(), full());
  EXPECT_EQ(lc::encode_any(m), text);
}

TEST(codec_round_trip, faulted_kinds_keep_their_kind_and_fields) {
  for (lc::message m : {lc::message(lc::Faulted("x", "y", 1, 2)), lc::message(lc::Aborted{}), lc::message(lc::TimedOut{}),
                        lc::message(lc::Busy("b")), lc::message(lc::Overloaded("o")),
                        lc::message(lc::TemporarilyUnavailable("t"))}) {
    auto back = lc::decode_any(lc::encode_any(m));
    EXPECT_EQ(back.type(), m.type());
    ASSERT_NE(back.faulted(), nullptr);
    EXPECT_EQ(back.faulted()->to_string(), m.faulted()->to_string());
  }
}

TEST(codec_round_trip, a_message_inside_a_message_inside_a_message) {
  lc::message m = lc::Returned{lc::message(lc::Anything{lc::message(Xy{5, 6})})};
  auto back = lc::decode_any(lc::encode_any(m));
  const auto* thing = back.get<lc::Returned>()->message.get<lc::Anything>();
  ASSERT_NE(thing, nullptr);
  EXPECT_EQ(*thing->thing.get<Xy>(), (Xy{5, 6}));
}

TEST(codec_round_trip, the_address_hooks_replace_inline_addresses) {
  lc::encode_context out;
  out.write_address = [](const lc::address& a, std::string& text) { lc::write_string("k:" + std::to_string(a.local_id()), text); };
  auto text = lc::encode(full().where, out);
  EXPECT_EQ(text, R"({"value":"k:305419896"})");
  lc::decode_context in;
  in.read_address = [](const boost::json::value& j) { return lc::address{std::uint32_t(std::stoul(std::string(j.as_string()).substr(2)))}; };
  EXPECT_EQ(lc::decode<lc::address>(text, in), lc::address{0x12345678});
}

TEST(codec_round_trip, an_incognito_inside_a_known_message_is_forwarded_unchanged) {
  std::string text = R"({"value":["layer_cake.point_runtime.Returned",{"message":["far.Away",{"v":[1.5,NaN,"\u00e9"]},[]]},[]]})";
  EXPECT_EQ(lc::encode_any(lc::decode_any(text)), text);
}

}  // namespace

// Found by fuzz_http_client: C0 8D once came out as "\u000d", which decodes to "\r" and so
// encodes again as "\r". An overlong sequence is bytes, each written as its own escape.
TEST(codec_round_trip, an_overlong_utf8_sequence_is_written_as_bytes_and_encodes_again_the_same) {
  std::string once = lc::encode(std::string("\xc0\x8d"));
  EXPECT_EQ(once, R"({"value":"\u00c0\u008d"})");
  EXPECT_EQ(lc::encode(lc::decode<std::string>(once)), once);
}
