#pragma once
// The reference's four time types, each travelling as the reference's text:
//   time_span  "span"  seconds as a double        "1d2h3m4.5s", "0.25s", "-5s"
//   time_delta "delta" whole microseconds         "00:01:30", "2:03:00:00", "00:00:0.5"
//   world_time "world" an instant with its offset "2025-01-02T03:04:05.12+1000" (no zone: UTC)
//   clock_time "clock" seconds since the epoch    "2023-11-14T22:13:20.25", local time, no zone
// Every from_text throws std::invalid_argument with the reference's reason, e.g.
// `cannot recover TimeSpan from "90"`; to_text throws it for what the reference cannot write
// (a negative clock, a NaN span).
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "lc/portable.hpp"

namespace lc {

using time_span = std::chrono::duration<double>;
using time_delta = std::chrono::microseconds;
using clock_time = std::chrono::time_point<std::chrono::system_clock, std::chrono::duration<double>>;

struct world_time {
  std::chrono::sys_time<std::chrono::microseconds> utc{};  // the instant
  std::chrono::seconds offset{0};                          // east of UTC, as written

  friend bool operator==(const world_time&, const world_time&) = default;
};

std::string span_to_text(time_span span);
time_span span_from_text(std::string_view text);
std::string delta_to_text(time_delta delta);
time_delta delta_from_text(std::string_view text);
std::string world_to_text(const world_time& world);
world_time world_from_text(std::string_view text);
std::string clock_to_text(clock_time clock);  // in the process's local time zone
clock_time clock_from_text(std::string_view text);

template <>
struct portable_traits<time_span> {
  static std::string signature() { return "span"; }
  static constexpr std::string_view class_name = "TimeSpan";
  static std::string to_text(time_span v) { return span_to_text(v); }
  static time_span from_text(std::string_view text) { return span_from_text(text); }
};

template <>
struct portable_traits<time_delta> {
  static std::string signature() { return "delta"; }
  static constexpr std::string_view class_name = "TimeDelta";
  static std::string to_text(time_delta v) { return delta_to_text(v); }
  static time_delta from_text(std::string_view text) { return delta_from_text(text); }
};

template <>
struct portable_traits<world_time> {
  static std::string signature() { return "world"; }
  static constexpr std::string_view class_name = "WorldTime";
  static std::string to_text(const world_time& v) { return world_to_text(v); }
  static world_time from_text(std::string_view text) { return world_from_text(text); }
};

template <>
struct portable_traits<clock_time> {
  static std::string signature() { return "clock"; }
  static constexpr std::string_view class_name = "ClockTime";
  static std::string to_text(clock_time v) { return clock_to_text(v); }
  static clock_time from_text(std::string_view text) { return clock_from_text(text); }
};

}  // namespace lc
