// Every line of golden/codec-time.jsonl, from the Python original: uuid and the four time types,
// encoded (concrete and as Any), decoded (and written again), and refused with the reference's
// words. Clock texts are local time: the file was made, and is checked, with TZ=UTC.
//
// Deviation: the reference ignores the sign of a world time's offset when it reads one
// ("-05:00" becomes +05:00); here the sign counts. No golden line reads a negative offset.
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>

#include <gtest/gtest.h>

#include "golden_lines.hpp"
#include "lc/codec.hpp"
#include "lc/time_values.hpp"
#include "lc/uuid.hpp"

namespace {

using namespace std::chrono;

const bool in_utc = [] {
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  return true;
}();

// How a value is written in both forms; the text of a codec_error when it cannot be.
struct writer {
  std::function<std::string()> concrete, any;
};

template <class T>
writer write(T value) {
  auto guarded = [](auto f) {
    try {
      return f();
    } catch (const lc::codec_error& e) {
      return std::string("error: ") + e.what();
    }
  };
  return {[=] { return guarded([&] { return lc::encode(value); }); },
          [=] { return guarded([&] { return lc::encode_as_any(value); }); }};
}

lc::world_time world(int y, unsigned mo, unsigned d, int h, int mi, int s, int us, minutes offset = minutes(0)) {
  lc::world_time w;
  w.offset = offset;
  w.utc = sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s) + microseconds(us) - offset;
  return w;
}

lc::clock_time clock_at(double seconds_since_epoch) { return lc::clock_time(lc::time_span(seconds_since_epoch)); }

const std::map<std::string, writer>& writers() {
  static const std::map<std::string, writer> cases{
      {"span_1_5", write(lc::time_span(1.5))},
      {"span_60_0", write(lc::time_span(60.0))},
      {"span_3600_0", write(lc::time_span(3600.0))},
      {"span_86400_0", write(lc::time_span(86400.0))},
      {"span_90061_25", write(lc::time_span(90061.25))},
      {"span_minus5_0", write(lc::time_span(-5.0))},
      {"span_0_001", write(lc::time_span(0.001))},
      {"span_93600_5", write(lc::time_span(93600.5))},
      {"span_0_0", write(lc::time_span(0.0))},
      {"span_10_0", write(lc::time_span(10.0))},
      {"span_0_5", write(lc::time_span(0.5))},
      {"span_59_25", write(lc::time_span(59.25))},
      {"span_3599_0", write(lc::time_span(3599.0))},
      {"span_7322_125", write(lc::time_span(7322.125))},
      {"delta_zero", write(lc::time_delta(0))},
      {"delta_5s", write(lc::time_delta(seconds(5)))},
      {"delta_2d3h", write(lc::time_delta(days(2) + hours(3)))},
      {"delta_minus_90s", write(lc::time_delta(seconds(-90)))},
      {"delta_1us", write(lc::time_delta(1))},
      {"delta_1d1h1m2_5s", write(lc::time_delta(days(1) + hours(1) + minutes(1) + milliseconds(2500)))},
      {"delta_minus_1_5s", write(lc::time_delta(milliseconds(-1500)))},
      {"delta_10h20m30s", write(lc::time_delta(hours(10) + minutes(20) + seconds(30)))},
      {"delta_400d", write(lc::time_delta(days(400)))},
      {"world_utc", write(world(2025, 1, 2, 3, 4, 5, 0))},
      {"world_fraction", write(world(2025, 3, 4, 5, 6, 7, 120000))},
      {"world_plus10", write(world(2025, 1, 2, 3, 4, 5, 600, hours(10)))},
      {"world_minus5", write(world(2025, 6, 1, 12, 0, 0, 0, hours(-5)))},
      {"world_plus0530", write(world(2024, 2, 29, 23, 59, 59, 999999, hours(5) + minutes(30)))},
      {"world_epoch", write(world(1970, 1, 1, 0, 0, 0, 0))},
      {"clock_zero", write(clock_at(0.0))},
      {"clock_quarter", write(clock_at(1700000000.25))},
      {"clock_whole", write(clock_at(1700000000.0))},
      {"clock_micro", write(clock_at(1.000001))},
      {"clock_negative", write(clock_at(-1.0))},
      {"uuid_fixed", write(lc::uuid::from_string("12345678-1234-5678-1234-567812345678"))},
      {"uuid_high", write(lc::uuid::from_string("fedcba98-7654-3210-fedc-ba9876543210"))},
  };
  return cases;
}

// Decodes `input` as the named type and writes it again, or gives the codec's error text.
std::string read_and_write(const std::string& signature, const std::string& input) {
  static const std::map<std::string, std::function<std::string(const std::string&)>> readers{
      {"span", [](const std::string& s) { return lc::encode(lc::decode<lc::time_span>(s)); }},
      {"delta", [](const std::string& s) { return lc::encode(lc::decode<lc::time_delta>(s)); }},
      {"world", [](const std::string& s) { return lc::encode(lc::decode<lc::world_time>(s)); }},
      {"clock", [](const std::string& s) { return lc::encode(lc::decode<lc::clock_time>(s)); }},
      {"uuid", [](const std::string& s) { return lc::encode(lc::decode<lc::uuid>(s)); }},
  };
  try {
    return readers.at(signature)(input);
  } catch (const lc::codec_error& e) {
    return std::string("error: ") + e.what();
  }
}

TEST(time_golden, every_value_is_written_byte_for_byte_as_the_reference_writes_it) {
  int checked = 0;
  for (const auto& line : read_lines("codec-time.jsonl")) {
    if (!line.contains("form")) continue;
    auto name = text(line.at("case"));
    SCOPED_TRACE(name);
    bool any = text(line.at("form")) == "any";
    auto found = writers().find(any ? name.substr(0, name.size() - 4) : name);
    ASSERT_NE(found, writers().end()) << "no C++ value for golden case " << name;
    auto expected = line.contains("encoded") ? text(line.at("encoded")) : "error: " + text(line.at("encode_error"));
    EXPECT_EQ(any ? found->second.any() : found->second.concrete(), expected);
    ++checked;
  }
  EXPECT_EQ(checked, 72);
}

TEST(time_golden, every_text_is_read_or_refused_as_the_reference_does) {
  int checked = 0;
  for (const auto& line : read_lines("codec-time.jsonl")) {
    if (!line.contains("input")) continue;
    auto name = text(line.at("case"));
    SCOPED_TRACE(name);
    auto expected = line.contains("reencoded") ? text(line.at("reencoded")) : "error: " + text(line.at("error"));
    EXPECT_EQ(read_and_write(text(line.at("type")), text(line.at("input"))), expected);
    ++checked;
  }
  EXPECT_EQ(checked, 57);
}

TEST(time_golden, an_any_of_each_type_decodes_to_that_type) {
  EXPECT_NE(lc::decode_any(R"({"value":["span","1h2m",[]]})").get<lc::time_span>(), nullptr);
  EXPECT_NE(lc::decode_any(R"({"value":["delta","00:01:30",[]]})").get<lc::time_delta>(), nullptr);
  EXPECT_NE(lc::decode_any(R"({"value":["world","2025-01-02T03:04:05",[]]})").get<lc::world_time>(), nullptr);
  EXPECT_NE(lc::decode_any(R"({"value":["clock","1970-01-01T00:00:00",[]]})").get<lc::clock_time>(), nullptr);
  EXPECT_NE(lc::decode_any(R"({"value":["uuid","12345678-1234-5678-1234-567812345678",[]]})").get<lc::uuid>(), nullptr);
}

TEST(time_values, a_world_time_keeps_its_instant_and_the_sign_of_its_offset) {
  auto west = lc::decode<lc::world_time>(R"({"value":"2025-06-01T12:00:00-05:00"})");
  EXPECT_EQ(west.offset, hours(-5));
  EXPECT_EQ(west.utc, sys_days(year(2025) / 6 / 1) + hours(17));
  EXPECT_EQ(lc::encode(west), R"({"value":"2025-06-01T12:00:00-0500"})");
}

TEST(time_values, random_uuids_are_version_4_and_differ) {
  auto a = lc::uuid::random(), b = lc::uuid::random();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.to_string()[14], '4');
  EXPECT_NE(std::string("89ab").find(a.to_string()[19]), std::string::npos);
  EXPECT_EQ(lc::uuid::from_string(a.to_string()), a);
}

}  // namespace
