#pragma once
// The reference's JSON envelopes: {"value":[signature, value, []]} for "any" (every message on
// the wire and every HTTP reply) and {"value": value} for a concrete type (request bodies, files).
#include <string>
#include <string_view>

#include "lc/message.hpp"

namespace lc {

std::string encode_any(const message& m, encode_context ctx = {});
message decode_any(std::string_view text, decode_context ctx = {});

boost::json::value parse_json(std::string_view text);  // codec_error with the reference's text

template <class T>
std::string encode(const T& value, encode_context ctx = {}) {
  std::string out = "{\"value\":";
  encode_value(value, out, ctx);
  out += '}';
  return out;
}

template <class T>
T decode(std::string_view text, decode_context ctx = {}) {
  auto document = parse_json(text);
  auto* found = document.is_object() ? document.get_object().if_contains("value") : nullptr;
  if (found == nullptr) ctx.fail("no \"value\" available");
  T value{};
  decode_value(*found, value, ctx);
  return value;
}

}  // namespace lc
