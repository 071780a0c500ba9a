#pragma once
// A settings struct seen as a list of named fields, each able to decode itself from one argument
// value and encode itself back. Built once per described struct; the parsing is not a template.
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

#include "lc/pretty_json.hpp"
#include "lc/message.hpp"

namespace lc::detail {

enum class setting_kind { text, boolean, json };

struct setting_field {
  std::string name;  // the member name, with underscores
  setting_kind kind = setting_kind::json;
  bool optional = false;
  std::string type_text;  // for --help: "integer8", "SHELL|RUN|..."
  // Throws codec_error ("cannot decode (reason)"); an absent value is a flag with no "=".
  void (*decode)(void* settings, const std::optional<std::string>& value) = nullptr;
  // The §6.2 argument text, or nothing when the value is None.
  std::optional<std::string> (*encode)(const void* settings) = nullptr;
  // As a role keeps it (home_role.hpp): the reference's signature and the codec's compact JSON.
  std::string signature;
  std::string (*store)(const void* settings) = nullptr;
  void (*recover)(void* settings, const boost::json::value& value) = nullptr;  // throws codec_error
};

// The fields, and the struct's own `validate` (as for messages, lc/message.hpp): a command line
// that decodes but is out of range is refused like one that does not decode.
struct settings_schema : std::vector<setting_field> {
  std::optional<Faulted> (*validate)(const void* settings) = nullptr;
  // The words of the command line that are not flags, for a struct that names a member for them
  // (`static constexpr auto positional_words = &S::member;`, a vector of text); else they are refused.
  void (*take_words)(void* settings, std::vector<std::string> words) = nullptr;
  // The flags no field takes, as typed ("--name=value"), for a struct that names a member for
  // them (`static constexpr auto remainder_flags = &S::member;`); else they are refused.
  void (*take_remainder)(void* settings, std::vector<std::string> flags) = nullptr;
};

// The name the reference shows in `undefined enum "NAME.text"`: the class name.
template <class E>
std::string_view enum_label(E) {
  if constexpr (registered<E>) {
    auto full = registered_name<E>::value;
    auto dot = full.rfind('.');
    return dot == std::string_view::npos ? full : full.substr(dot + 1);
  } else {
    return {};
  }
}

template <class E>
std::string enum_choices() {
  std::string text;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
    if (!text.empty()) text += '|';
    text += e.name;
  });
  return text;
}

template <class T>
std::string setting_type_text() {
  if constexpr (std::is_enum_v<T>) return enum_choices<T>();
  else if constexpr (portable<T>) return signature_of<T>();
  else return "json";
}

template <class T>
std::string setting_signature() {
  if constexpr (portable<T>) return signature_of<T>();
  else return "json";
}

template <class T>
std::optional<std::string> encode_setting_value(const T& value) {
  if constexpr (is_optional<T>::value) {
    if (!value) return std::nullopt;
    return encode_setting_value(*value);
  } else if constexpr (std::is_same_v<T, bool>) {
    return std::string(value ? "true" : "false");
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (text_coded<T>) {
    return text_of(value);
  } else if constexpr (std::is_enum_v<T>) {
    const char* name = boost::describe::enum_to_string(value, nullptr);
    if (name == nullptr) throw codec_error("cannot encode (undefined enum value)");
    return std::string(name);
  } else {
    std::string compact;
    encode_context ctx;
    encode_value(value, compact, ctx);
    return pretty_json(compact, -1);
  }
}

// Parses a JSON fragment; a syntax error is the codec's "cannot decode (<Python's words>)".
boost::json::value parse_setting_json(std::string_view text, decode_context& ctx);

template <class T>
void decode_setting_value(T& field, const std::optional<std::string>& value) {
  decode_context ctx;
  using bare = typename unwrap_optional<T>::type;
  if (!value) {
    if constexpr (std::is_same_v<bare, bool>) field = true;
    else if constexpr (is_optional<T>::value) field.reset();
    else ctx.fail("no value");
    return;
  }
  if constexpr (std::is_same_v<bare, std::string>) {
    field = *value;
  } else if constexpr (text_coded<bare>) {  // --test-span=10s, as the reference writes it
    bare read{};
    read_text(*value, read, ctx);
    field = std::move(read);
  } else if constexpr (std::is_enum_v<bare>) {
    bare e{};
    if (!boost::describe::enum_from_string(value->c_str(), e)) {
      auto label = enum_label(e);
      ctx.fail("undefined enum \"" + (label.empty() ? *value : std::string(label) + "." + *value) + "\"");
    }
    field = e;
  } else {
    decode_value(parse_setting_json(*value, ctx), field, ctx);
  }
}

template <class S>
settings_schema make_schema() {
  settings_schema schema;
  boost::mp11::mp_for_each<boost::describe::describe_members<S, boost::describe::mod_public | boost::describe::mod_inherited>>(
      [&](auto member) {
        using M = decltype(member);
        using field_type = std::remove_cvref_t<decltype(std::declval<S&>().*member.pointer)>;
        using bare = typename unwrap_optional<field_type>::type;
        setting_field f;
        f.name = member.name;
        f.kind = std::is_same_v<bare, bool> ? setting_kind::boolean
                 : is_text_v<bare> || text_coded<bare> ? setting_kind::text
                                             : setting_kind::json;
        f.optional = is_optional<field_type>::value;
        f.type_text = setting_type_text<bare>();
        f.decode = [](void* settings, const std::optional<std::string>& value) {
          decode_setting_value(static_cast<S*>(settings)->*M::pointer, value);
        };
        f.encode = [](const void* settings) {
          return encode_setting_value(static_cast<const S*>(settings)->*M::pointer);
        };
        f.signature = setting_signature<bare>();
        f.store = [](const void* settings) {
          std::string out;
          encode_context ctx;
          encode_value(static_cast<const S*>(settings)->*M::pointer, out, ctx);
          return out;
        };
        f.recover = [](void* settings, const boost::json::value& value) {
          decode_context ctx;
          decode_value(value, static_cast<S*>(settings)->*M::pointer, ctx);
        };
        schema.push_back(std::move(f));
      });
  if constexpr (requires { S::positional_words; })
    schema.take_words = [](void* settings, std::vector<std::string> words) {
      static_cast<S*>(settings)->*S::positional_words = std::move(words);
    };
  if constexpr (requires { S::remainder_flags; })
    schema.take_remainder = [](void* settings, std::vector<std::string> flags) {
      static_cast<S*>(settings)->*S::remainder_flags = std::move(flags);
    };
  if constexpr (self_validating<S>)
    schema.validate = [](const void* settings) -> std::optional<Faulted> { return validate(*static_cast<const S*>(settings)); };
  return schema;
}

template <class S>
const settings_schema& schema_of() {
  static const settings_schema schema = make_schema<S>();
  return schema;
}

}  // namespace lc::detail
