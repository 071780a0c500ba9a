#include "lc/uuid.hpp"

#include <sys/random.h>

#include <stdexcept>
#include <system_error>

namespace lc {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void remove_all(std::string& text, std::string_view part) {
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part)) text.erase(at, part.size());
}

}  // namespace

uuid uuid::random() {
  uuid u;
  for (std::size_t got = 0; got < u.bytes.size();) {
    auto n = ::getrandom(u.bytes.data() + got, u.bytes.size() - got, 0);
    if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "getrandom");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  u.bytes[6] = static_cast<std::uint8_t>((u.bytes[6] & 0x0f) | 0x40);  // version 4
  u.bytes[8] = static_cast<std::uint8_t>((u.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return u;
}

std::string uuid::to_string() const {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  return out;
}

// As Python reads it: drop "urn:" and "uuid:", strip braces at both ends, drop every hyphen, and
// what is left must be 32 hex digits.
uuid uuid::from_string(std::string_view text) {
  std::string digits(text.substr(0, 64));
  if (text.size() > 64) digits += '?';  // far too long either way
  remove_all(digits, "urn:");
  remove_all(digits, "uuid:");
  auto first = digits.find_first_not_of("{}");
  auto last = digits.find_last_not_of("{}");
  digits = first == std::string::npos ? std::string{} : digits.substr(first, last - first + 1);
  remove_all(digits, "-");
  uuid u;
  if (digits.size() != 32) throw std::invalid_argument("badly formed hexadecimal UUID string");
  for (std::size_t i = 0; i < 16; ++i) {
    int high = hex_digit(digits[2 * i]), low = hex_digit(digits[2 * i + 1]);
    if (high < 0 || low < 0) throw std::invalid_argument("badly formed hexadecimal UUID string");
    u.bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return u;
}

}  // namespace lc
