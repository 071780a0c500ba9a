#include "lc/codec.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/detail/ryu/ryu.hpp>

#include "python_json.hpp"
#include "lc/messages.hpp"
#include "lc/time_values.hpp"
#include "lc/uuid.hpp"

namespace lc {

std::string decode_context::where() const {
  std::string text = path;
  for (const auto& step : steps) {
    if (step.member) {
      if (!text.empty()) text += '.';
      text += step.member;
    } else {
      text += '[';
      text += std::to_string(step.index);
      text += ']';
    }
  }
  return text;
}

void decode_context::fail(std::string_view reason) const {
  auto near = where();
  if (near.empty()) throw codec_error("cannot decode (" + std::string(reason) + ")");
  throw codec_error("cannot decode, near \"" + near + "\" (" + std::string(reason) + ")");
}

// Python's repr: shortest round-trip digits, fixed unless the exponent is < -4 or >= 16,
// always a fraction on fixed values, a signed two-digit (or longer) exponent otherwise.
// The digits come from Boost.JSON's Ryu (exported by libboost_json 1.81, the one its serializer
// uses; faster than std::to_chars here), written as "D[.DDD]E[-]X" and rearranged in place.
namespace {

char* put(char* o, std::string_view text) {
  std::memcpy(o, text.data(), text.size());
  return o + text.size();
}

// At most float_text_max characters at o; returns their end.
char* format_float(double value, char* o) {
  if (std::isnan(value)) return put(o, "NaN");
  if (std::isinf(value)) return put(o, value < 0 ? "-Infinity" : "Infinity");
  char ryu[48];  // room for copy_rest's fixed 16-byte reads
  const char* end = ryu + boost::json::detail::ryu::d2s_buffered_n(value, ryu);
  const char* e = end - 1;
  while (*e != 'E') --e;
  const char* p = ryu;
  const bool negative = *p == '-';
  if (negative) ++p;
  const char first = *p;
  const char* rest = p[1] == '.' ? p + 2 : p + 1;  // digits after the first
  const int count = 1 + static_cast<int>(e - rest);
  const bool negative_exponent = e[1] == '-';
  int exponent = 0;
  for (const char* x = e + (negative_exponent ? 2 : 1); x < end; ++x) exponent = exponent * 10 + (*x - '0');
  if (negative_exponent) exponent = -exponent;

  char* const start = o;
  if (negative) *o++ = '-';
  // Digits after the first (at most 16): a fixed-size copy is one move; the surplus is overwritten.
  auto copy_rest = [&](const char* from, const char* to) {
    std::memcpy(o, from, 16);
    o += to - from;
  };
  if (exponent < -4 || exponent >= 16) {
    *o++ = first;
    if (count > 1) {
      *o++ = '.';
      copy_rest(rest, e);
    }
    *o++ = 'e';
    *o++ = negative_exponent ? '-' : '+';
    int magnitude = negative_exponent ? -exponent : exponent;
    if (magnitude < 10) *o++ = '0';
    o = std::to_chars(o, start + float_text_max, magnitude).ptr;
  } else if (exponent < 0) {
    *o++ = '0';
    *o++ = '.';
    for (int k = -1; k > exponent; --k) *o++ = '0';
    *o++ = first;
    copy_rest(rest, e);
  } else if (exponent + 1 >= count) {
    *o++ = first;
    copy_rest(rest, e);
    for (int k = count; k < exponent + 1; ++k) *o++ = '0';
    *o++ = '.';
    *o++ = '0';
  } else {
    *o++ = first;
    copy_rest(rest, rest + exponent);
    *o++ = '.';
    copy_rest(rest + exponent, e);
  }
  return o;
}

}  // namespace

void write_float(double value, std::string& out) {
  char text[float_text_max];
  out.append(text, static_cast<std::size_t>(format_float(value, text) - text));
}

// A row at a time through one stack buffer: one append per 32 numbers, not two per number.
void write_floats(const double* first, const double* last, std::string& out) {
  char text[32 * (float_text_max + 1)];
  while (first != last) {
    char* o = text;
    for (int k = 0; k < 32 && first != last; ++k, ++first) {
      o = format_float(*first, o);
      *o++ = ',';
    }
    out.append(text, static_cast<std::size_t>(o - text));
  }
}

namespace {

void write_escape(unsigned code, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  char text[6] = {'\\', 'u', hex[code >> 12 & 0xF], hex[code >> 8 & 0xF], hex[code >> 4 & 0xF], hex[code & 0xF]};
  out.append(text, 6);
}

// Decodes one UTF-8 sequence; a byte that starts no valid sequence is taken as a Latin-1 code point.
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
  static constexpr unsigned least[] = {0, 0x80, 0x800, 0x10000};
  if (code < least[extra] || code > 0x10FFFF) { ++i; return c; }  // overlong or past Unicode: bytes
  i += extra + 1;
  return code;
}

bool plain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

}  // namespace

// As json.dumps with ensure_ascii: \" \\ \n \r \t \b \f, other controls, DEL and all non-ASCII
// as \u escapes (astral characters as surrogate pairs).
void write_string(std::string_view text, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;
    while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
    out.append(text.data() + run, i - run);
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
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

void write_json(const boost::json::value& j, std::string& out) {
  switch (j.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += j.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: detail::write_integer(j.get_int64(), out); return;
    case boost::json::kind::uint64: detail::write_integer(j.get_uint64(), out); return;
    case boost::json::kind::double_: write_float(j.get_double(), out); return;
    case boost::json::kind::string: write_string(j.get_string(), out); return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : j.get_array()) {
        if (!first) out += ',';
        first = false;
        write_json(e, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : j.get_object()) {
        if (!first) out += ',';
        first = false;
        write_string(member.key(), out);
        out += ':';
        write_json(member.value(), out);
      }
      out += '}';
      return;
    }
  }
}

namespace {
constexpr std::string_view any_prefix = "{\"value\":";
}  // namespace

void encode_message(const message& m, std::string& out, encode_context& ctx) {
  if (m.empty()) { out += "null"; return; }
  if (const auto* text = m.encoding()) {  // the triple inside {"value":...}
    out.append(*text, any_prefix.size(), text->size() - any_prefix.size() - 1);
    return;
  }
  if (const auto* unknown = m.get<Incognito>()) {
    out += '[';
    write_string(unknown->type_name, out);
    out += ',';
    out += unknown->word;
    out += ",[]]";
    if (ctx.keep_in_book)
      for (const auto& [key, a] : unknown->address_book) ctx.keep_in_book(key, a);
    return;
  }
  out += '[';
  write_string(m.type()->signature, out);
  out += ',';
  m.type()->encode(m.raw(), out, ctx);
  out += ",[]]";
}

message decode_message(const boost::json::value& j, decode_context& ctx) {
  if (j.is_null()) return {};
  if (!j.is_array()) detail::fail_transform<message>(j, ctx);
  const auto& a = j.get_array();
  if (a.size() < 3) ctx.fail("list index out of range");
  if (!a[0].is_string()) ctx.fail("unhashable type: '" + std::string(detail::json_kind(a[0])) + "'");
  auto signature = std::string_view(a[0].get_string());
  const type_record* type = find_type(signature);
  if (type == nullptr) {
    Incognito unknown{std::string(signature), {}, {}};
    write_json(a[1], unknown.word);
    if (ctx.book) unknown.address_book = *ctx.book;
    return message(std::move(unknown));
  }
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

const boost::json::value& envelope_value(const boost::json::value& document) {
  auto* found = document.is_object() ? document.get_object().if_contains("value") : nullptr;
  if (found == nullptr) throw codec_error("cannot decode (no \"value\" available)");
  return *found;
}

}  // namespace detail

namespace {

// Boost.JSON's DOM builder, except that doubles are read again from their text with
// std::from_chars: Boost 1.81's own conversion can be one unit in the last place off.
struct exact_handler {
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  boost::json::value_stack stack;
  std::string number;  // the parts of a number split across buffers (rare)

  using ec_t = boost::json::error_code;
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_object_begin(ec_t&) { return true; }
  bool on_object_end(std::size_t n, ec_t&) { stack.push_object(n); return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t n, ec_t&) { stack.push_array(n); return true; }
  bool on_key_part(boost::json::string_view s, std::size_t, ec_t&) { stack.push_chars(s); return true; }
  bool on_key(boost::json::string_view s, std::size_t, ec_t&) { stack.push_key(s); return true; }
  bool on_string_part(boost::json::string_view s, std::size_t, ec_t&) { stack.push_chars(s); return true; }
  bool on_string(boost::json::string_view s, std::size_t, ec_t&) { stack.push_string(s); return true; }
  bool on_number_part(boost::json::string_view s, ec_t&) { number.append(s.data(), s.size()); return true; }
  bool on_int64(std::int64_t i, boost::json::string_view, ec_t&) { number.clear(); stack.push_int64(i); return true; }
  bool on_uint64(std::uint64_t u, boost::json::string_view, ec_t&) { number.clear(); stack.push_uint64(u); return true; }
  bool on_double(double d, boost::json::string_view s, ec_t&) {
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (!number.empty()) {
      number.append(s.data(), s.size());
      first = number.data();
      last = number.data() + number.size();
    }
    double exact;
    if (std::from_chars(first, last, exact).ec == std::errc{}) d = exact;
    number.clear();
    stack.push_double(d);
    return true;
  }
  bool on_bool(bool b, ec_t&) { stack.push_bool(b); return true; }
  bool on_null(ec_t&) { stack.push_null(); return true; }
  bool on_comment_part(boost::json::string_view, ec_t&) { return true; }
  bool on_comment(boost::json::string_view, ec_t&) { return true; }
};

boost::json::parse_options fast_options() {
  boost::json::parse_options options;
  options.max_depth = 900;
  return options;
}

}  // namespace

// Boost.JSON's parser first (fast); when it refuses, the Python-compatible reader either accepts
// what json.loads accepts (NaN, Infinity ...) or fails with json.loads' own words.
boost::json::value parse_json(std::string_view text, boost::json::storage_ptr storage) {
  boost::json::basic_parser<exact_handler> parser(fast_options());
  parser.handler().stack.reset(storage);
  boost::json::error_code ec;
  auto used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && parser.done() && used == text.size()) return parser.handler().stack.release();
  try {
    return detail::parse_python_json(text, std::move(storage));
  } catch (const codec_error& e) {
    throw codec_error("cannot decode (" + std::string(e.what()) + ")");
  }
}

std::string encode_any(const message& m, encode_context ctx) {
  if (const auto* text = m.encoding()) return *text;
  std::string out;
  out.reserve(256);
  out += "{\"value\":";
  encode_message(m, out, ctx);
  out += '}';
  return out;
}

message decode_any(std::string_view text, decode_context ctx) {
  boost::json::monotonic_resource arena;
  auto document = parse_json(text, &arena);
  return decode_message(detail::envelope_value(document), ctx);
}

message decode_any_keeping_text(std::string text, decode_context ctx) {
  message m;
  bool one_member = false;
  {
    boost::json::monotonic_resource arena;
    auto document = parse_json(text, &arena);
    m = decode_message(detail::envelope_value(document), ctx);
    one_member = document.get_object().size() == 1;  // envelope_value found an object
  }
  bool compact = text.starts_with("{\"value\":[") && text.ends_with("]}");  // the triple, unpadded
  if (!m || !one_member || !compact) return m;
  return m.with_encoding(std::move(text));
}

}  // namespace lc

// The reference pre-loads its scalar signatures, so an Any carrying one always decodes.
LC_TYPE(bool)
LC_TYPE(std::uint8_t)
LC_TYPE(std::int64_t)
LC_TYPE(double)
LC_TYPE(std::string)
LC_TYPE(lc::address)
LC_TYPE(lc::type_name_value)
LC_TYPE(lc::uuid)
LC_TYPE(lc::time_span)
LC_TYPE(lc::time_delta)
LC_TYPE(lc::world_time)
LC_TYPE(lc::clock_time)
