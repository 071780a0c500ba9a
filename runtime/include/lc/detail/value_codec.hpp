#pragma once
// Encode and decode of every portable type, walked at compile time. Encoding appends JSON text;
// decoding reads a Boost.JSON DOM. Included by message.hpp; use lc/codec.hpp for envelopes.
#include <charconv>
#include <functional>
#include <stdexcept>
#include <string>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

namespace lc {

struct codec_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct encode_context {
  // Frames write addresses through an address book; otherwise addresses are inline lists.
  std::function<void(const address&, std::string&)> write_address;
};

struct decode_context {
  std::string path;  // "vi[1].a", empty at the top
  std::function<address(const boost::json::value&)> read_address;
  // Throws codec_error: `cannot decode (reason)` or `cannot decode, near "path" (reason)`.
  [[noreturn]] void fail(std::string_view reason) const;
};

void write_float(double value, std::string& out);       // Python repr digits
void write_string(std::string_view text, std::string& out);  // JSON string, ASCII with \u escapes
void encode_message(const message& m, std::string& out, encode_context& ctx);  // Any triple or null
message decode_message(const boost::json::value& j, decode_context& ctx);

template <class T>
void encode_value(const T& value, std::string& out, encode_context& ctx);
template <class T>
void decode_value(const boost::json::value& j, T& value, decode_context& ctx);

namespace detail {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct unwrap_optional { using type = T; };
template <class T> struct unwrap_optional<std::optional<T>> { using type = T; };
template <class T> struct is_sequence : std::false_type {};
template <class T> struct is_sequence<std::vector<T>> : std::true_type {};
template <class T> struct is_sequence<std::deque<T>> : std::true_type {};
template <class T> struct is_set : std::false_type {};
template <class T> struct is_set<std::set<T>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V> struct is_map<std::map<K, V>> : std::true_type {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};

template <class T>
constexpr bool is_text_v = std::is_same_v<T, std::string> || std::is_enum_v<T>;

struct path_guard {
  decode_context& ctx;
  std::size_t length;
  path_guard(decode_context& c, std::string_view member) : ctx(c), length(c.path.size()) {
    if (!ctx.path.empty()) ctx.path += '.';
    ctx.path += member;
  }
  path_guard(decode_context& c, std::size_t index) : ctx(c), length(c.path.size()) {
    ctx.path += '[' + std::to_string(index) + ']';
  }
  ~path_guard() { ctx.path.resize(length); }
};

std::string_view json_kind(const boost::json::value& j);  // Python's names: int, float, str, list, dict ...

}  // namespace detail

template <class T>
void encode_value(const T& value, std::string& out, encode_context& ctx) {
  using namespace detail;
  if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<T>) {
    write_float(static_cast<double>(value), out);
  } else if constexpr (std::is_integral_v<T>) {
    char text[24];
    auto end = std::to_chars(text, text + sizeof text, value).ptr;
    out.append(text, end);
  } else if constexpr (std::is_same_v<T, std::string>) {
    write_string(value, out);
  } else if constexpr (std::is_same_v<T, address>) {
    if (ctx.write_address) return ctx.write_address(value, out);
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(value[i]);
    }
    out += ']';
  } else if constexpr (std::is_same_v<T, message>) {
    encode_message(value, out, ctx);
  } else if constexpr (is_optional<T>::value) {
    if (value) encode_value(*value, out, ctx); else out += "null";
  } else if constexpr (is_sequence<T>::value || is_set<T>::value || is_array<T>::value) {
    out += '[';
    bool first = true;
    for (const auto& e : value) {
      if (!first) out += ',';
      first = false;
      encode_value(e, out, ctx);
    }
    out += ']';
  } else if constexpr (is_map<T>::value) {
    out += '[';
    bool first = true;
    for (const auto& [k, v] : value) {
      if (!first) out += ',';
      first = false;
      out += '[';
      encode_value(k, out, ctx);
      out += ',';
      encode_value(v, out, ctx);
      out += ']';
    }
    out += ']';
  } else if constexpr (std::is_enum_v<T>) {
    const char* name = boost::describe::enum_to_string(value, nullptr);
    if (!name) throw codec_error("cannot encode (undefined enum value)");
    write_string(name, out);
  } else {
    static_assert(boost::describe::has_describe_members<T>::value, "not a portable type");
    out += '{';
    bool first = true;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>>(
        [&](auto member) {
          if (!first) out += ',';
          first = false;
          write_string(member.name, out);
          out += ':';
          encode_value(value.*member.pointer, out, ctx);
        });
    out += '}';
  }
}

template <class T>
void decode_value(const boost::json::value& j, T& value, decode_context& ctx) {
  using namespace detail;
  using std::string_literals::operator""s;
  if constexpr (is_optional<T>::value) {
    if (j.is_null()) { value.reset(); return; }
    typename T::value_type inner{};
    decode_value(j, inner, ctx);
    value = std::move(inner);
  } else if constexpr (std::is_same_v<T, message>) {
    value = decode_message(j, ctx);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_bool()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/Boolean");
    value = j.get_bool();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!j.is_double()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/Float8");
    value = static_cast<T>(j.get_double());
  } else if constexpr (std::is_integral_v<T>) {
    if (j.is_int64()) value = static_cast<T>(j.get_int64());
    else if (j.is_uint64()) value = static_cast<T>(j.get_uint64());
    else ctx.fail("no transform "s + std::string(json_kind(j)) + "/Integer8");
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/Unicode");
    value = std::string(j.get_string());
  } else if constexpr (std::is_same_v<T, address>) {
    if (ctx.read_address) { value = ctx.read_address(j); return; }
    if (!j.is_array() || j.get_array().empty() || j.get_array().size() > address::max_parts)
      ctx.fail("not an address");
    address a{static_cast<std::uint32_t>(j.get_array()[0].to_number<std::int64_t>())};
    for (std::size_t i = 1; i < j.get_array().size(); ++i)
      a = a.appended(static_cast<std::uint32_t>(j.get_array()[i].to_number<std::int64_t>()));
    value = a;
  } else if constexpr (is_sequence<T>::value || is_set<T>::value || is_array<T>::value) {
    if (j.is_null()) ctx.fail("null structure");
    if (!j.is_array()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/VectorOf");
    const auto& a = j.get_array();
    value = T{};
    for (std::size_t i = 0; i < a.size(); ++i) {
      path_guard guard(ctx, i);
      typename T::value_type e{};
      decode_value(a[i], e, ctx);
      if constexpr (is_set<T>::value) value.insert(std::move(e));
      else if constexpr (is_array<T>::value) { if (i < value.size()) value[i] = std::move(e); }
      else value.push_back(std::move(e));
    }
  } else if constexpr (is_map<T>::value) {
    if (j.is_null()) ctx.fail("null structure");
    if (!j.is_array()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/MapOf");
    value = T{};
    for (const auto& pair : j.get_array()) {
      if (!pair.is_array() || pair.get_array().size() != 2) ctx.fail("map entry is not a pair");
      typename T::key_type k{};
      typename T::mapped_type v{};
      decode_value(pair.get_array()[0], k, ctx);
      decode_value(pair.get_array()[1], v, ctx);
      value.emplace(std::move(k), std::move(v));
    }
  } else if constexpr (std::is_enum_v<T>) {
    if (!j.is_string()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/Enumeration");
    std::string name(j.get_string());
    if (!boost::describe::enum_from_string(name.c_str(), value))
      ctx.fail("undefined enum \"" + name + "\"");
  } else {
    if (j.is_null()) ctx.fail("null structure");
    if (!j.is_object()) ctx.fail("no transform "s + std::string(json_kind(j)) + "/UserDefined");
    const auto& o = j.get_object();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>>(
        [&](auto member) {
          auto found = o.find(member.name);
          if (found == o.end()) return;  // a missing member keeps its default
          path_guard guard(ctx, member.name);
          decode_value(found->value(), value.*member.pointer, ctx);
        });
  }
}

namespace detail {

template <class T>
void decode_text(std::string_view text, T& value, decode_context& ctx) {
  if constexpr (is_optional<T>::value) {
    typename T::value_type inner{};
    decode_text(text, inner, ctx);
    value = std::move(inner);
  } else if constexpr (std::is_same_v<T, std::string>) {
    value = std::string(text);
  } else if constexpr (std::is_enum_v<T>) {
    if (!boost::describe::enum_from_string(std::string(text).c_str(), value))
      ctx.fail("undefined enum \"" + std::string(text) + "\"");
  }
}

template <class T>
std::vector<field_record> describe_fields() {
  std::vector<field_record> fields;
  if constexpr (boost::describe::has_describe_members<T>::value && !std::is_enum_v<T>) {
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>>(
        [&](auto member) {
          using field_type = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
          using bare = typename unwrap_optional<field_type>::type;
          field_record f;
          f.name = member.name;
          f.is_text = is_text_v<bare>;
          using M = decltype(member);
          f.from_json = [](void* object, const boost::json::value& j, decode_context& ctx) {
            decode_value(j, static_cast<T*>(object)->*M::pointer, ctx);
          };
          if constexpr (is_text_v<bare>)
            f.from_text = [](void* object, std::string_view text, decode_context& ctx) {
              decode_text(text, static_cast<T*>(object)->*M::pointer, ctx);
            };
          fields.push_back(std::move(f));
        });
  }
  return fields;
}

template <class T>
type_record make_record() {
  type_record r;
  r.signature = signature_of<T>();
  if constexpr (registered<T>) {
    auto dot = r.signature.rfind('.');
    r.name = dot == std::string::npos ? r.signature : r.signature.substr(dot + 1);
  } else {
    r.name = r.signature;
  }
  r.cpp_type = typeid(T);
  r.encode = [](const void* value, std::string& out, encode_context& ctx) {
    encode_value(*static_cast<const T*>(value), out, ctx);
  };
  r.decode = [](const boost::json::value& j, decode_context& ctx) -> std::shared_ptr<const void> {
    auto value = std::make_shared<T>();
    decode_value(j, *value, ctx);
    return value;
  };
  r.make_default = []() -> std::shared_ptr<void> { return std::make_shared<T>(); };
  if constexpr (std::is_base_of_v<Faulted, T>)
    r.as_faulted = [](const void* value) -> const Faulted* { return static_cast<const T*>(value); };
  r.fields = describe_fields<T>();
  return r;
}

}  // namespace detail
}  // namespace lc
