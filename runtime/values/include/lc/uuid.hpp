#pragma once
// The reference's `uuid` (Python uuid.UUID): 16 bytes, written lower-case with hyphens
// ("12345678-1234-5678-1234-567812345678"). Reading also takes braces, a "urn:uuid:" prefix,
// upper case and the 32 hex digits without hyphens, as Python does.
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "lc/portable.hpp"

namespace lc {

struct uuid {
  std::array<std::uint8_t, 16> bytes{};

  static uuid random();  // version 4, from the kernel's random source
  std::string to_string() const;
  // Throws std::invalid_argument("badly formed hexadecimal UUID string").
  static uuid from_string(std::string_view text);

  friend auto operator<=>(const uuid&, const uuid&) = default;
};

template <>
struct portable_traits<uuid> {
  static std::string signature() { return "uuid"; }
  static constexpr std::string_view class_name = "UUID";
  static std::string to_text(const uuid& u) { return u.to_string(); }
  static uuid from_text(std::string_view text) { return uuid::from_string(text); }
};

}  // namespace lc
