#pragma once
// Portable types: the C++ types a message may hold, each with the reference's signature text
// (`integer8`, `vector<vector<float8>>`, `map<unicode,integer8>`, `test_api.Xy` ...).
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lc/address.hpp"

namespace lc {

class message;

// Specialised by LC_MESSAGE / LC_ENUM with the portable name, e.g. "test_api.Xy".
template <class T>
struct registered_name;

template <class T>
concept registered = requires { registered_name<T>::value; };

template <class T>
struct portable_traits;

template <class T>
concept portable = requires { portable_traits<T>::signature(); };

// A type that travels as text (uuid, the time types): its traits say how, and which class name
// the reference's errors use ("no transform int/TimeSpan"). from_text throws std::invalid_argument.
template <class T>
concept text_coded = requires(const T& value, std::string_view text) {
  { portable_traits<T>::to_text(value) } -> std::convertible_to<std::string>;
  { portable_traits<T>::from_text(text) } -> std::convertible_to<T>;
  { portable_traits<T>::class_name } -> std::convertible_to<std::string_view>;
};

template <class T>
const std::string& signature_of() {
  static const std::string text = portable_traits<T>::signature();
  return text;
}

#define LC_PORTABLE_SCALAR(T, NAME) \
  template <>                       \
  struct portable_traits<T> {       \
    static std::string signature() { return NAME; } \
  };
LC_PORTABLE_SCALAR(bool, "boolean")
LC_PORTABLE_SCALAR(std::int16_t, "integer2")
LC_PORTABLE_SCALAR(std::int32_t, "integer4")
LC_PORTABLE_SCALAR(std::int64_t, "integer8")
LC_PORTABLE_SCALAR(std::uint8_t, "byte")
LC_PORTABLE_SCALAR(std::uint16_t, "unsigned2")
LC_PORTABLE_SCALAR(std::uint32_t, "unsigned4")
LC_PORTABLE_SCALAR(std::uint64_t, "unsigned8")
LC_PORTABLE_SCALAR(float, "float4")
LC_PORTABLE_SCALAR(double, "float8")
LC_PORTABLE_SCALAR(std::string, "unicode")
LC_PORTABLE_SCALAR(address, "address")
LC_PORTABLE_SCALAR(message, "any")
#undef LC_PORTABLE_SCALAR

template <registered T>
struct portable_traits<T> {
  static std::string signature() { return std::string(registered_name<T>::value); }
};

template <portable T>
struct portable_traits<std::optional<T>> {
  static std::string signature() { return signature_of<T>(); }
};
template <portable T>
struct portable_traits<std::vector<T>> {
  static std::string signature() { return "vector<" + signature_of<T>() + ">"; }
};
template <portable T>
struct portable_traits<std::deque<T>> {
  static std::string signature() { return "deque<" + signature_of<T>() + ">"; }
};
template <portable T>
struct portable_traits<std::set<T>> {
  static std::string signature() { return "set<" + signature_of<T>() + ">"; }
};
template <portable K, portable V>
struct portable_traits<std::map<K, V>> {
  static std::string signature() { return "map<" + signature_of<K>() + "," + signature_of<V>() + ">"; }
};
template <portable T, std::size_t N>
struct portable_traits<std::array<T, N>> {
  static std::string signature() { return "array<" + signature_of<T>() + "," + std::to_string(N) + ">"; }
};

}  // namespace lc
