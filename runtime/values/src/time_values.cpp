#include "lc/time_values.hpp"

#include <cctype>
#include <cmath>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <vector>

namespace lc {
namespace {

using namespace std::chrono;

std::string printf_text(const char* format, auto... values) {
  int size = std::snprintf(nullptr, 0, format, values...);
  std::string text(static_cast<std::size_t>(size), '\0');
  std::snprintf(text.data(), text.size() + 1, format, values...);
  return text;
}

std::string without_trailing_zeros(std::string text) {
  text.erase(text.find_last_not_of('0') + 1);
  return text;
}

[[noreturn]] void cannot_recover(std::string_view type, std::string_view text) {
  throw std::invalid_argument("cannot recover " + std::string(type) + " from \"" + std::string(text) + "\"");
}

bool all_digits(std::string_view text) {
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Reads a run of `least`..`most` digits at `pos`; false when there is none of that length.
bool read_number(std::string_view text, std::size_t& pos, std::size_t least, std::size_t most, long long& value) {
  std::size_t start = pos;
  while (pos < text.size() && pos - start < most && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos - start < least) return false;
  value = 0;
  for (std::size_t i = start; i < pos; ++i) value = value * 10 + (text[i] - '0');
  return true;
}

bool take(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// Up to six digits of a fraction as microseconds ("12" is 120000); false when there are more.
bool read_micros(std::string_view text, std::size_t& pos, long long& micros) {
  std::size_t start = pos;
  if (!read_number(text, pos, 1, 6, micros)) return false;
  for (std::size_t n = pos - start; n < 6; ++n) micros *= 10;
  return pos == text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]));
}

// Seconds broken into days, hours, minutes, whole seconds and the fraction, as the reference does.
struct broken_span {
  bool negative = false;
  long long days = 0, hours = 0, minutes = 0, seconds = 0;
  double fraction = 0.0;
};

broken_span break_span(double s) {
  broken_span b;
  b.negative = s < 0.0;
  if (b.negative) s = -s;
  if (std::isnan(s)) throw std::invalid_argument("cannot convert float NaN to integer");
  if (std::isinf(s)) throw std::invalid_argument("cannot convert float infinity to integer");
  if (s >= 9.0e18) throw std::invalid_argument("cannot represent " + printf_text("%f", s) + " seconds");
  auto whole = static_cast<long long>(s);
  b.fraction = std::fmod(s, 1.0);
  b.days = whole / 86400;
  whole %= 86400;
  b.hours = whole / 3600;
  whole %= 3600;
  b.minutes = whole / 60;
  b.seconds = whole % 60;
  return b;
}

}  // namespace

std::string span_to_text(time_span span) {
  auto b = break_span(span.count());
  std::string out = b.negative ? "-" : "";
  if (b.days) out += std::to_string(b.days) + 'd';
  if (b.hours) out += std::to_string(b.hours) + 'h';
  if (b.minutes) out += std::to_string(b.minutes) + 'm';
  if (b.fraction != 0.0) out += without_trailing_zeros(printf_text("%f", static_cast<double>(b.seconds) + b.fraction)) + 's';
  else if (b.seconds) out += std::to_string(b.seconds) + 's';
  return out.empty() ? "0s" : out;
}

// [-][Nd][Nh][Nm][N[.f]s], each part optional and in that order; minutes and whole seconds have
// at most two digits; at least one character.
time_span span_from_text(std::string_view text) {
  if (text.empty()) cannot_recover("TimeSpan", text);
  std::size_t pos = 0;
  bool negative = take(text, pos, '-');
  double total = 0.0;
  int stage = -1;
  while (pos < text.size()) {
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t digits = pos - start;
    bool fraction = take(text, pos, '.');
    if (fraction) {
      std::size_t fraction_start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == fraction_start) cannot_recover("TimeSpan", text);
    }
    if (digits == 0 || pos >= text.size()) cannot_recover("TimeSpan", text);
    std::string number(text.substr(start, pos - start));
    const char unit = text[pos++];
    const int which = unit == 'd' ? 0 : unit == 'h' ? 1 : unit == 'm' ? 2 : unit == 's' ? 3 : -1;
    if (which <= stage || (fraction && which != 3) || (which >= 2 && digits > 2)) cannot_recover("TimeSpan", text);
    stage = which;
    static constexpr double unit_seconds[] = {86400.0, 3600.0, 60.0, 1.0};
    total += std::strtod(number.c_str(), nullptr) * unit_seconds[which];
  }
  if (!std::isfinite(total)) cannot_recover("TimeSpan", text);
  return time_span(negative ? -total : total);
}

std::string delta_to_text(time_delta delta) {
  auto b = break_span(static_cast<double>(delta.count()) / 1e6);
  std::string seconds = b.fraction == 0.0
                            ? printf_text("%02lld", b.seconds)
                            : without_trailing_zeros(printf_text("%02f", static_cast<double>(b.seconds) + b.fraction));
  std::string sign = b.negative ? "-" : "";
  if (b.days == 0) return sign + printf_text("%02lld:%02lld:", b.hours, b.minutes) + seconds;
  return sign + printf_text("%lld:%02lld:%02lld:", b.days, b.hours, b.minutes) + seconds;
}

// [-][D:]HH:MM:SS[.ffffff], the hours, minutes and seconds of one or two digits each.
time_delta delta_from_text(std::string_view text) {
  std::size_t pos = 0;
  bool negative = take(text, pos, '-');
  std::vector<std::pair<long long, std::size_t>> parts;  // value, digits
  long long micros = 0;
  for (;;) {
    std::size_t start = pos;
    long long value = 0;
    if (!read_number(text, pos, 1, 18, value) || (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))))
      cannot_recover("TimeDelta", text);
    parts.emplace_back(value, pos - start);
    if (take(text, pos, ':')) continue;
    if (take(text, pos, '.') && !read_micros(text, pos, micros)) cannot_recover("TimeDelta", text);
    break;
  }
  if (pos != text.size() || parts.size() < 3 || parts.size() > 4) cannot_recover("TimeDelta", text);
  auto hms = parts.end() - 3;
  for (auto it = hms; it != parts.end(); ++it)
    if (it->second > 2) cannot_recover("TimeDelta", text);  // one or two digits each
  long long days = parts.size() == 4 ? parts[0].first : 0;
  if (days > 999'999'999) cannot_recover("TimeDelta", text);
  long long total = ((days * 24 + hms[0].first) * 60 + hms[1].first) * 60 + hms[2].first;
  time_delta value = seconds(total) + microseconds(micros);
  return negative ? -value : value;
}

std::string world_to_text(const world_time& world) {
  auto wall = world.utc + world.offset;
  auto day = floor<days>(wall);
  year_month_day date{day};
  hh_mm_ss<microseconds> time{wall - day};
  int year = static_cast<int>(date.year());
  if (year < 1 || year > 9999) throw std::invalid_argument("year " + std::to_string(year) + " is out of range");
  std::string out = printf_text("%d-%02u-%02uT%02lld:%02lld:%02lld", year, static_cast<unsigned>(date.month()),
                                static_cast<unsigned>(date.day()), static_cast<long long>(time.hours().count()),
                                static_cast<long long>(time.minutes().count()),
                                static_cast<long long>(time.seconds().count()));
  if (auto micros = time.subseconds().count()) out += without_trailing_zeros(printf_text(".%06lld", static_cast<long long>(micros)));
  if (world.offset != seconds(0)) {
    auto east = world.offset.count();
    out += east < 0 ? '-' : '+';
    east = east < 0 ? -east : east;
    out += printf_text("%02lld%02lld", static_cast<long long>(east / 3600), static_cast<long long>(east / 60 % 60));
    if (east % 60) out += printf_text("%02lld", static_cast<long long>(east % 60));
  }
  return out;
}

// YYYY-MM-DD[THH[:MM[:SS[.ffffff]]][(+|-)HH[:]MM]]. A "Z" is refused, as by the reference. The
// reference ignores the offset's sign (-05:00 becomes +05:00); here the sign counts.
world_time world_from_text(std::string_view text) {
  std::size_t pos = 0;
  long long y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, micros = 0, zone_h = 0, zone_m = 0;
  bool east = true;
  if (!read_number(text, pos, 1, 4, y) || !take(text, pos, '-') || !read_number(text, pos, 1, 2, mo) ||
      !take(text, pos, '-') || !read_number(text, pos, 1, 2, d))
    cannot_recover("WorldTime", text);
  if (take(text, pos, 'T')) {
    if (!read_number(text, pos, 1, 2, h)) cannot_recover("WorldTime", text);
    if (take(text, pos, ':')) {
      if (!read_number(text, pos, 1, 2, mi)) cannot_recover("WorldTime", text);
      if (take(text, pos, ':')) {
        if (!read_number(text, pos, 1, 2, s)) cannot_recover("WorldTime", text);
        if (take(text, pos, '.') && !read_micros(text, pos, micros)) cannot_recover("WorldTime", text);
      }
    }
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      east = text[pos++] == '+';
      std::string_view zone = text.substr(pos);
      auto colon = zone.find(':');
      std::string_view zone_hours = zone.substr(0, colon), zone_minutes;
      if (colon != std::string_view::npos) {
        zone_minutes = zone.substr(colon + 1);
      } else {  // a run of digits splits as the reference's pattern would: 2 -> 1+1, 3 -> 2+1, 4 -> 2+2
        std::size_t split = zone.size() == 2 ? 1 : 2;
        zone_hours = zone.substr(0, std::min(split, zone.size()));
        zone_minutes = zone.substr(zone_hours.size());
      }
      if (zone_hours.empty() || zone_hours.size() > 2 || zone_minutes.empty() || zone_minutes.size() > 2 ||
          !all_digits(zone_hours) || !all_digits(zone_minutes))
        cannot_recover("WorldTime", text);
      std::size_t at = 0;
      read_number(zone_hours, at, 1, 2, zone_h);
      at = 0;
      read_number(zone_minutes, at, 1, 2, zone_m);
      pos = text.size();
    }
  }
  if (pos != text.size()) cannot_recover("WorldTime", text);
  seconds offset = hours(zone_h) + minutes(zone_m);
  if (offset >= hours(24))
    throw std::invalid_argument("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)");
  if (y == 0) throw std::invalid_argument("year 0 is out of range");
  if (mo < 1 || mo > 12) throw std::invalid_argument("month must be in 1..12");
  year_month_day date{year(static_cast<int>(y)), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!date.ok()) throw std::invalid_argument("day is out of range for month");
  if (h > 23) throw std::invalid_argument("hour must be in 0..23");
  if (mi > 59) throw std::invalid_argument("minute must be in 0..59");
  if (s > 59) throw std::invalid_argument("second must be in 0..59");
  world_time w;
  w.offset = east ? offset : -offset;
  auto wall = sys_days(date) + hours(h) + minutes(mi) + seconds(s) + microseconds(micros);
  w.utc = wall - w.offset;
  return w;
}

std::string clock_to_text(clock_time clock) {
  std::string a = printf_text("%f", clock.time_since_epoch().count());
  auto dot = a.find('.');
  if (dot == std::string::npos || !all_digits(a.substr(0, dot)) || !all_digits(a.substr(dot + 1)) || dot == 0)
    throw std::invalid_argument("cannot represent " + a + " as a ClockTime");
  if (dot > 15) throw std::invalid_argument("timestamp out of range for platform time_t");
  std::time_t whole = static_cast<std::time_t>(std::stoll(a.substr(0, dot)));
  std::tm local{};
  if (localtime_r(&whole, &local) == nullptr) throw std::invalid_argument("timestamp out of range for platform time_t");
  char minute[64];
  std::strftime(minute, sizeof minute, "%Y-%m-%dT%H:%M", &local);
  std::string out = printf_text("%s:%02d", minute, local.tm_sec);
  std::string fraction = a.substr(dot + 1);
  if (fraction != "000000") out += '.' + without_trailing_zeros(fraction);
  return out;
}

// YYYY-MM-DD(T|t)HH:MM:SS[.f...], read as local time.
clock_time clock_from_text(std::string_view text) {
  std::size_t pos = 0;
  long long y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!read_number(text, pos, 1, 4, y) || !take(text, pos, '-') || !read_number(text, pos, 1, 2, mo) ||
      !take(text, pos, '-') || !read_number(text, pos, 1, 2, d) || !(take(text, pos, 'T') || take(text, pos, 't')) ||
      !read_number(text, pos, 1, 2, h) || !take(text, pos, ':') || !read_number(text, pos, 1, 2, mi) ||
      !take(text, pos, ':') || !read_number(text, pos, 1, 2, s))
    cannot_recover("ClockTime", text);
  double fraction = 0.0;
  if (take(text, pos, '.')) {
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) cannot_recover("ClockTime", text);
    fraction = std::strtod(("0." + std::string(text.substr(start, pos - start))).c_str(), nullptr);
  }
  if (pos != text.size()) cannot_recover("ClockTime", text);
  std::tm local{};
  local.tm_year = static_cast<int>(y - 1900);
  local.tm_mon = static_cast<int>(mo - 1);
  local.tm_mday = static_cast<int>(d);
  local.tm_hour = static_cast<int>(h);
  local.tm_min = static_cast<int>(mi);
  local.tm_sec = static_cast<int>(s);
  local.tm_isdst = -1;
  double whole = static_cast<double>(std::mktime(&local));
  return clock_time(time_span(whole < 0.0 ? whole - fraction : whole + fraction));
}

}  // namespace lc
