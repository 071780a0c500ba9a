#include "lc/codec.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace lc {

void decode_context::fail(std::string_view reason) const {
  if (path.empty()) throw codec_error("cannot decode (" + std::string(reason) + ")");
  throw codec_error("cannot decode, near \"" + path + "\" (" + std::string(reason) + ")");
}

// Python's repr: shortest round-trip digits, fixed unless the exponent is < -4 or >= 16.
void write_float(double value, std::string& out) {
  if (std::isnan(value)) { out += "NaN"; return; }
  if (std::isinf(value)) { out += value < 0 ? "-Infinity" : "Infinity"; return; }
  char text[32];
  auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::scientific).ptr;
  std::string_view sci(text, end - text);
  if (sci.front() == '-') { out += '-'; sci.remove_prefix(1); }
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) if (c != '.') digits += c;
  int exponent = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+'), sci.data() + sci.size(), exponent);
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1) { out += '.'; out.append(digits, 1); }
    char exp_text[8];
    std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_text;
  } else if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
  } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
    out += digits;
    out.append(exponent + 1 - digits.size(), '0');
    out += ".0";
  } else {
    out.append(digits, 0, exponent + 1);
    out += '.';
    out.append(digits, exponent + 1);
  }
}

namespace {

void write_escape(unsigned code, std::string& out) {
  char text[8];
  std::snprintf(text, sizeof text, "\\u%04x", code);
  out += text;
}

// Decodes one UTF-8 sequence; invalid bytes are taken as Latin-1 code points.
unsigned next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned c = byte(i);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= text.size()) { ++i; return c; }
  unsigned code = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) { ++i; return c; }
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return code;
}

}  // namespace

void write_string(std::string_view text, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: write_escape(c, out);
      }
      continue;
    }
    unsigned code = next_code_point(text, i);
    if (code >= 0x10000) {
      code -= 0x10000;
      write_escape(0xD800 + (code >> 10), out);
      write_escape(0xDC00 + (code & 0x3FF), out);
    } else {
      write_escape(code, out);
    }
  }
  out += '"';
}

void encode_message(const message& m, std::string& out, encode_context& ctx) {
  if (m.empty()) { out += "null"; return; }
  out += '[';
  write_string(m.type()->signature, out);
  out += ',';
  m.type()->encode(m.raw(), out, ctx);
  out += ",[]]";
}

message decode_message(const boost::json::value& j, decode_context& ctx) {
  if (j.is_null()) return {};
  if (!j.is_array()) ctx.fail(std::string("no transform ") + std::string(detail::json_kind(j)) + "/Any");
  const auto& a = j.get_array();
  if (a.size() < 3) ctx.fail("list index out of range");
  if (!a[0].is_string()) ctx.fail("signature is not a string");
  auto signature = std::string_view(a[0].get_string());
  const type_record* type = find_type(signature);
  if (type == nullptr) ctx.fail("unknown signature \"" + std::string(signature) + "\"");
  return message(type->decode(a[1], ctx), type);
}

namespace detail {

std::string_view json_kind(const boost::json::value& j) {
  switch (j.kind()) {
    case boost::json::kind::null: return "NoneType";
    case boost::json::kind::bool_: return "bool";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "int";
    case boost::json::kind::double_: return "float";
    case boost::json::kind::string: return "str";
    case boost::json::kind::array: return "list";
    case boost::json::kind::object: return "dict";
  }
  return "unknown";
}

}  // namespace detail

boost::json::value parse_json(std::string_view text) {
  boost::json::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec) throw codec_error("cannot decode (" + ec.message() + ")");
  return value;
}

std::string encode_any(const message& m, encode_context ctx) {
  std::string out = "{\"value\":";
  encode_message(m, out, ctx);
  out += '}';
  return out;
}

message decode_any(std::string_view text, decode_context ctx) {
  auto document = parse_json(text);
  auto* found = document.is_object() ? document.get_object().if_contains("value") : nullptr;
  if (found == nullptr) ctx.fail("no \"value\" available");
  return decode_message(*found, ctx);
}

}  // namespace lc
