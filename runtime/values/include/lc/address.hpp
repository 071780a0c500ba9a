#pragma once
#include <array>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <stdexcept>
#include <string>

namespace lc {

// An object's address: a route of object ids, as the reference's tuples. Only the last id is
// looked up locally; longer routes lead through connection proxies. `address{}` is (0,), no object.
class address {
 public:
  static constexpr std::size_t max_parts = 8;  // a LAN tree's deepest routes take 7

  constexpr address() = default;
  constexpr explicit address(std::uint32_t id) : parts_{id}, size_{1} {}
  address(std::initializer_list<std::uint32_t> ids) {
    if (ids.size() == 0 || ids.size() > max_parts) throw std::length_error("address of 1 to 8 ids");
    size_ = 0;  // the member default is 1, for (0,)
    for (auto id : ids) parts_[size_++] = id;
  }

  constexpr std::uint32_t local_id() const { return parts_[size_ - 1]; }
  constexpr std::size_t size() const { return size_; }
  constexpr std::uint32_t operator[](std::size_t i) const { return parts_[i]; }
  constexpr bool is_null() const { return size_ == 1 && parts_[0] == 0; }
  constexpr explicit operator bool() const { return !is_null(); }

  address appended(std::uint32_t id) const {
    if (size_ == max_parts) throw std::length_error("address route longer than 8 ids");
    address a = *this;
    a.parts_[a.size_++] = id;
    return a;
  }
  address without_last() const {
    address a = *this;
    if (a.size_ > 1) --a.size_; else a.parts_[0] = 0;
    return a;
  }

  // `<%08x>` of the last id, as the reference's logs print it.
  std::string to_string() const {
    char text[16];
    std::snprintf(text, sizeof text, "<%08x>", local_id());
    return text;
  }

  friend constexpr bool operator==(const address& a, const address& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (a.parts_[i] != b.parts_[i]) return false;
    return true;
  }

 private:
  std::array<std::uint32_t, max_parts> parts_{};
  std::uint8_t size_ = 1;
};

inline constexpr address no_such_address{};

}  // namespace lc

template <>
struct std::hash<lc::address> {
  std::size_t operator()(const lc::address& a) const noexcept {
    std::size_t h = a.size();
    for (std::size_t i = 0; i < a.size(); ++i) h = h * 1000003u ^ a[i];
    return h;
  }
};
