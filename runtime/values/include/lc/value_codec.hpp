#pragma once
// Encode and decode of every portable type, walked at compile time. Encoding appends JSON text
// as Python's json.dumps writes it; decoding reads a Boost.JSON DOM with the reference's rules.
// Use lc/message.hpp to register types and lc/codec.hpp for envelopes.
#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include "lc/message_value.hpp"
#include "lc/portable_ordered_map.hpp"
#include "lc/portable_type.hpp"

namespace lc {

struct codec_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct encode_context {
  // Frames write addresses through an address book; otherwise addresses are inline lists.
  std::function<void(const address&, std::string&)> write_address;
  // A forwarded Incognito's book entries, under their own keys.
  std::function<void(const std::string& key, const address&)> keep_in_book;
};

namespace detail {
struct path_step {
  const char* member = nullptr;  // a member name, or nullptr for an index
  std::size_t index = 0;
};
}  // namespace detail

struct decode_context {
  std::string path;  // a prefix for the error path, empty at the top
  std::function<address(const boost::json::value&)> read_address;
  const std::vector<std::pair<std::string, address>>* book = nullptr;  // a frame's, kept by an Incognito
  std::vector<detail::path_step> steps;  // where the walk is; turned into text only on failure
  // "vi[1].a", as the reference writes the place of an error.
  std::string where() const;
  // Throws codec_error: `cannot decode (reason)` or `cannot decode, near "path" (reason)`.
  [[noreturn]] void fail(std::string_view reason) const;
};

inline constexpr std::size_t float_text_max = 40;
void write_float(double value, std::string& out);            // Python repr digits
void write_floats(const double* first, const double* last, std::string& out);  // each followed by ','
void write_string(std::string_view text, std::string& out);  // JSON string, ASCII with \u escapes
void write_json(const boost::json::value& j, std::string& out);  // any JSON, as json.dumps writes it
void encode_message(const message& m, std::string& out, encode_context& ctx);  // Any triple or null
message decode_message(const boost::json::value& j, decode_context& ctx);

template <class T>
void encode_value(const T& value, std::string& out, encode_context& ctx);
template <class T>
void decode_value(const boost::json::value& j, T& value, decode_context& ctx);

namespace detail {

// A value that travels as text, as its text; what its traits refuse is "cannot encode (reason)".
template <text_coded T>
std::string text_of(const T& value) {
  try {
    return portable_traits<T>::to_text(value);
  } catch (const std::invalid_argument& e) {
    throw codec_error("cannot encode (" + std::string(e.what()) + ")");
  }
}

// Reads such a value from its text; what its traits refuse fails as the codec does.
template <text_coded T>
void read_text(std::string_view text, T& value, decode_context& ctx) {
  try {
    value = portable_traits<T>::from_text(text);
  } catch (const std::invalid_argument& e) {
    ctx.fail(e.what());
  }
}

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct unwrap_optional { using type = T; };
template <class T> struct unwrap_optional<std::optional<T>> { using type = T; };
template <class T> struct is_sequence : std::false_type {};
template <class T> struct is_sequence<std::vector<T>> : std::true_type {};
template <class T> struct is_sequence<std::deque<T>> : std::true_type {};
template <class T> struct is_deque : std::false_type {};
template <class T> struct is_deque<std::deque<T>> : std::true_type {};
template <class T> struct is_set : std::false_type {};
template <class T> struct is_set<std::set<T>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V> struct is_map<std::map<K, V>> : std::true_type {};
template <class K, class V> struct is_map<ordered_map<K, V>> : std::true_type {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};

template <class T>
constexpr bool is_text_v = std::is_same_v<T, std::string> || std::is_enum_v<T>;

template <class T>
constexpr bool is_number_v = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

// Structures refuse null (the reference's "null structure"); scalars accept it in a member.
template <class T>
constexpr bool is_structural_v = is_sequence<T>::value || is_set<T>::value || is_map<T>::value ||
                                 is_array<T>::value ||
                                 (std::is_class_v<T> && !std::is_same_v<T, std::string> &&
                                  !std::is_same_v<T, address> && !std::is_same_v<T, message> &&
                                  !std::is_same_v<T, type_name_value> && !is_optional<T>::value);

// The reference's class name for each portable type, as its error texts show it.
template <class T>
constexpr std::string_view portable_class() {
  if constexpr (text_coded<T>) return portable_traits<T>::class_name;
  else if constexpr (std::is_same_v<T, bool>) return "Boolean";
  else if constexpr (std::is_same_v<T, std::int16_t>) return "Integer2";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "Integer4";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "Integer8";
  else if constexpr (std::is_same_v<T, std::uint8_t>) return "Byte";
  else if constexpr (std::is_same_v<T, std::uint16_t>) return "Unsigned2";
  else if constexpr (std::is_same_v<T, std::uint32_t>) return "Unsigned4";
  else if constexpr (std::is_same_v<T, std::uint64_t>) return "Unsigned8";
  else if constexpr (std::is_same_v<T, float>) return "Float4";
  else if constexpr (std::is_same_v<T, double>) return "Float8";
  else if constexpr (std::is_same_v<T, std::string>) return "Unicode";
  else if constexpr (std::is_same_v<T, address>) return "Address";
  else if constexpr (std::is_same_v<T, message>) return "Any";
  else if constexpr (std::is_same_v<T, type_name_value>) return "Type";
  else if constexpr (is_optional<T>::value) return portable_class<typename T::value_type>();
  else if constexpr (is_deque<T>::value) return "DequeOf";
  else if constexpr (is_sequence<T>::value) return "VectorOf";
  else if constexpr (is_set<T>::value) return "SetOf";
  else if constexpr (is_map<T>::value) return "MapOf";
  else if constexpr (is_array<T>::value) return "ArrayOf";
  else if constexpr (std::is_enum_v<T>) return "Enumeration";
  else return "UserDefined";
}

std::string_view json_kind(const boost::json::value& j);  // Python's names: int, float, str, list, dict ...

template <class T>
[[noreturn]] void fail_transform(const boost::json::value& j, decode_context& ctx) {
  std::string reason = "no transform ";
  reason += json_kind(j);
  reason += '/';
  reason += portable_class<T>();
  ctx.fail(reason);
}

struct path_guard {
  decode_context& ctx;
  path_guard(decode_context& c, const char* member) : ctx(c) { ctx.steps.push_back({member, 0}); }
  path_guard(decode_context& c, std::size_t index) : ctx(c) { ctx.steps.push_back({nullptr, index}); }
  ~path_guard() { ctx.steps.pop_back(); }
  path_guard(const path_guard&) = delete;
  path_guard& operator=(const path_guard&) = delete;
};

template <class T>
void write_integer(T value, std::string& out) {
  char text[24];
  auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out.append(text, end);
}

template <class T>
void decode_number(const boost::json::value& j, T& value, decode_context& ctx) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!j.is_double()) fail_transform<T>(j, ctx);
    value = static_cast<T>(j.get_double());
  } else {
    // The reference does not range-check; a value that does not fit is refused, not wrapped.
    if (j.is_int64()) {
      auto v = j.get_int64();
      if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          (v > 0 && static_cast<std::uint64_t>(v) > std::numeric_limits<T>::max()))
        ctx.fail(std::to_string(v) + " out of range for " + std::string(portable_class<T>()));
      value = static_cast<T>(v);
    } else if (j.is_uint64()) {
      auto v = j.get_uint64();
      if (v > std::numeric_limits<T>::max())
        ctx.fail(std::to_string(v) + " out of range for " + std::string(portable_class<T>()));
      value = static_cast<T>(v);
    } else {
      fail_transform<T>(j, ctx);
    }
  }
}

template <class T>
std::string_view enum_class_name() {
  if constexpr (registered<T>) {
    std::string_view name = registered_name<T>::value;
    auto dot = name.rfind('.');
    return dot == std::string_view::npos ? name : name.substr(dot + 1);
  } else {
    return "enum";
  }
}

}  // namespace detail

template <class T>
void encode_value(const T& value, std::string& out, encode_context& ctx) {
  using namespace detail;
  if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<T>) {
    write_float(static_cast<double>(value), out);
  } else if constexpr (std::is_integral_v<T>) {
    write_integer(value, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    write_string(value, out);
  } else if constexpr (std::is_same_v<T, type_name_value>) {
    write_string(value.name, out);
  } else if constexpr (text_coded<T>) {
    write_string(text_of(value), out);
  } else if constexpr (std::is_same_v<T, address>) {
    if (ctx.write_address) return ctx.write_address(value, out);
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i) out += ',';
      write_integer(value[i], out);
    }
    out += ']';
  } else if constexpr (std::is_same_v<T, message>) {
    encode_message(value, out, ctx);
  } else if constexpr (is_optional<T>::value) {
    if (value) encode_value(*value, out, ctx); else out += "null";
  } else if constexpr (std::is_same_v<T, std::vector<double>>) {
    out += '[';
    write_floats(value.data(), value.data() + value.size(), out);
    if (value.empty()) out += ']';
    else out.back() = ']';
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
      out += first ? "[" : ",[";
      first = false;
      encode_value(k, out, ctx);
      out += ',';
      encode_value(v, out, ctx);
      out += ']';
    }
    out += ']';
  } else if constexpr (std::is_enum_v<T>) {
    const char* name = boost::describe::enum_to_string(value, nullptr);
    if (!name) throw codec_error("cannot encode (undefined enum value " +
                                 std::to_string(static_cast<long long>(value)) + ")");
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

// Null rules. The reference passes null through for scalars, which C++ cannot hold:
//  - std::optional<T> takes null as empty;
//  - a struct member that is null keeps its default when it is a scalar (as the reference does)
//    and is refused with "null structure" when it is a structure;
//  - anywhere else (top level, list element, map entry) null is refused: "no transform NoneType/X".
template <class T>
void decode_value(const boost::json::value& j, T& value, decode_context& ctx) {
  using namespace detail;
  if constexpr (is_optional<T>::value) {
    if (j.is_null()) { value.reset(); return; }
    typename T::value_type inner{};
    decode_value(j, inner, ctx);
    value = std::move(inner);
  } else if constexpr (std::is_same_v<T, message>) {
    value = decode_message(j, ctx);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_bool()) fail_transform<T>(j, ctx);
    value = j.get_bool();
  } else if constexpr (std::is_arithmetic_v<T>) {
    decode_number(j, value, ctx);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) fail_transform<T>(j, ctx);
    value.assign(j.get_string().data(), j.get_string().size());
  } else if constexpr (std::is_same_v<T, type_name_value>) {
    if (!j.is_string()) fail_transform<T>(j, ctx);
    value.name.assign(j.get_string().data(), j.get_string().size());
  } else if constexpr (text_coded<T>) {
    if (!j.is_string()) fail_transform<T>(j, ctx);
    read_text(std::string_view(j.get_string().data(), j.get_string().size()), value, ctx);
  } else if constexpr (std::is_same_v<T, address>) {
    if (ctx.read_address) { value = ctx.read_address(j); return; }
    if (!j.is_array()) fail_transform<T>(j, ctx);
    const auto& a = j.get_array();
    if (a.empty() || a.size() > address::max_parts) ctx.fail("address of 1 to 8 ids");
    std::uint32_t ids[address::max_parts];
    for (std::size_t i = 0; i < a.size(); ++i) decode_number(a[i], ids[i], ctx);
    address result{ids[0]};
    for (std::size_t i = 1; i < a.size(); ++i) result = result.appended(ids[i]);
    value = result;
  } else if constexpr (is_sequence<T>::value || is_set<T>::value || is_array<T>::value) {
    using element = typename T::value_type;
    if (!j.is_array()) fail_transform<T>(j, ctx);
    const auto& a = j.get_array();
    // The reference names the index for vectors and arrays, not for deques and sets.
    constexpr bool indexed = !is_deque<T>::value && !is_set<T>::value;
    value = T{};
    if constexpr (is_sequence<T>::value) value.resize(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      if constexpr (is_array<T>::value) {
        if (i == value.size()) break;  // extra items are ignored; missing ones keep defaults
      }
      if constexpr (is_set<T>::value) {
        element e{};
        decode_value(a[i], e, ctx);
        value.insert(std::move(e));
      } else if constexpr (std::is_floating_point_v<element> && indexed) {
        // The table's hot loop: no path bookkeeping unless it fails.
        if (a[i].is_double()) { value[i] = static_cast<element>(a[i].get_double()); continue; }
        path_guard guard(ctx, i);
        fail_transform<element>(a[i], ctx);
      } else if constexpr (std::is_same_v<element, bool>) {
        path_guard guard(ctx, i);
        bool e = false;
        decode_value(a[i], e, ctx);
        value[i] = e;
      } else if constexpr (indexed) {
        path_guard guard(ctx, i);
        decode_value(a[i], value[i], ctx);
      } else {
        decode_value(a[i], value[i], ctx);
      }
    }
  } else if constexpr (is_map<T>::value) {
    if (!j.is_array()) fail_transform<T>(j, ctx);
    value = T{};
    for (const auto& pair : j.get_array()) {
      if (!pair.is_array()) ctx.fail("'" + std::string(json_kind(pair)) + "' object is not subscriptable");
      if (pair.get_array().size() < 2) ctx.fail("list index out of range");
      typename T::key_type k{};
      typename T::mapped_type v{};
      decode_value(pair.get_array()[0], k, ctx);
      decode_value(pair.get_array()[1], v, ctx);
      value.insert_or_assign(std::move(k), std::move(v));
    }
  } else if constexpr (std::is_enum_v<T>) {
    if (!j.is_string()) fail_transform<T>(j, ctx);
    std::string name(j.get_string());
    if (!boost::describe::enum_from_string(name.c_str(), value))
      ctx.fail("undefined enum \"" + std::string(enum_class_name<T>()) + "." + name + "\"");
  } else {
    if (!j.is_object()) fail_transform<T>(j, ctx);
    const auto& o = j.get_object();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>>(
        [&](auto member) {
          auto found = o.find(member.name);
          if (found == o.end()) return;  // a missing member keeps its default
          path_guard guard(ctx, member.name);
          using field_type = std::remove_cvref_t<decltype(value.*member.pointer)>;
          if (found->value().is_null()) {
            if constexpr (is_structural_v<field_type>) ctx.fail("null structure");
            else if constexpr (is_optional<field_type>::value) (value.*member.pointer).reset();
            else if constexpr (std::is_same_v<field_type, message>) value.*member.pointer = message{};
            return;  // a null scalar keeps its default
          }
          decode_value(found->value(), value.*member.pointer, ctx);
        });
  }
}

namespace detail {

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
  return r;
}

}  // namespace detail
}  // namespace lc
