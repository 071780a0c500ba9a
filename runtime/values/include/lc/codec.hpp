#pragma once
// The reference's JSON envelopes: {"value":[signature, value, []]} for "any" (every message on
// the wire and every HTTP reply) and {"value": value} for a concrete type (request bodies, files).
#include <string>
#include <string_view>

#include <boost/json/monotonic_resource.hpp>

#include "lc/table_reader.hpp"
#include "lc/message.hpp"

namespace lc {

std::string encode_any(const message& m, encode_context ctx = {});
message decode_any(std::string_view text, decode_context ctx = {});
// decode_any, and the message keeps `text` (message::with_encoding) when it is one compact
// {"value":[...]} member: forwarding a received message then costs a copy, not an encode.
// Only for text without address keys, since the keys mean nothing to the next receiver.
message decode_any_keeping_text(std::string text, decode_context ctx = {});

// Any JSON that Python's json.loads accepts (NaN and Infinity too); otherwise codec_error with
// its words: `cannot decode (Expecting value: line 1 column 1 (char 0))`.
boost::json::value parse_json(std::string_view text, boost::json::storage_ptr storage = {});

namespace detail {
const boost::json::value& envelope_value(const boost::json::value& document);  // or codec_error

// A first guess at the encoded size, so that encoding appends to one reserved string.
template <class T>
std::size_t size_hint(const T& value) {
  if constexpr (is_sequence<T>::value) {
    using element = typename T::value_type;
    if constexpr (std::is_arithmetic_v<element>) return 2 + value.size() * (std::is_floating_point_v<element> ? 20 : 8);
    else if constexpr (is_sequence<element>::value) {
      std::size_t total = 2;
      for (const auto& e : value) total += 1 + size_hint(e);
      return total;
    } else return 2 + value.size() * 16;
  } else {
    return 64;
  }
}
}  // namespace detail

// The concrete envelope: {"value":<value>}.
template <class T>
std::string encode(const T& value, encode_context ctx = {}) {
  std::string out;
  out.reserve(16 + detail::size_hint(value));
  out += "{\"value\":";
  encode_value(value, out, ctx);
  out += '}';
  return out;
}

template <class T>
T decode(std::string_view text, decode_context ctx = {}) {
  if constexpr (detail::is_float_table<T>::value) {
    T value;
    if (detail::table_reader(text).read_envelope(value)) return value;
  }
  boost::json::monotonic_resource arena;
  auto document = parse_json(text, &arena);
  T value{};
  decode_value(detail::envelope_value(document), value, ctx);
  return value;
}

// A value as the reference's cast_to writes it, {"value":[signature, value, []]}, without
// registering its type: `encode_as_any(std::optional<std::string>{})` is ["unicode",null,[]].
template <class T>
std::string encode_as_any(const T& value, encode_context ctx = {}) {
  std::string out;
  out.reserve(32 + detail::size_hint(value));
  out += "{\"value\":[";
  write_string(signature_of<T>(), out);
  out += ',';
  encode_value(value, out, ctx);
  out += ",[]]}";
  return out;
}

// The reverse: the triple's signature must be T's.
template <class T>
T decode_as_any(std::string_view text, decode_context ctx = {}) {
  boost::json::monotonic_resource arena;
  auto document = parse_json(text, &arena);
  const auto& triple = detail::envelope_value(document);
  if (!triple.is_array()) detail::fail_transform<message>(triple, ctx);
  const auto& a = triple.get_array();
  if (a.size() < 3) ctx.fail("list index out of range");
  if (!a[0].is_string() || a[0].get_string() != signature_of<T>())
    ctx.fail("not a \"" + signature_of<T>() + "\"");
  T value{};
  decode_value(a[1], value, ctx);
  return value;
}

}  // namespace lc
