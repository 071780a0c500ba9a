#pragma once
// How an HTTP server reads a message type from a query or a form body (`x=2&label=a+b`): each
// field by name, a text field (string, enum, type name, uuid, time) from the raw value, any other field from
// a JSON fragment. Only HTTP reads values this way, so the record is built here, by
// lc::http_server<T...>(), not kept in the type registry.
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

#include "lc/message.hpp"

namespace lc {

struct form_field {
  std::string name;
  void (*from_text)(void* object, std::string_view text, decode_context&) = nullptr;  // text fields
  void (*from_json)(void* object, const boost::json::value&, decode_context&) = nullptr;
};

struct http_form {
  const type_record* type = nullptr;
  std::vector<form_field> fields;
};

namespace detail {

template <class T>
constexpr bool is_form_text_v = is_text_v<T> || std::is_same_v<T, type_name_value> || text_coded<T>;

template <class T>
void decode_form_text(std::string_view text, T& value, decode_context& ctx) {
  if constexpr (is_optional<T>::value) {
    typename T::value_type inner{};
    decode_form_text(text, inner, ctx);
    value = std::move(inner);
  } else if constexpr (std::is_same_v<T, std::string>) {
    value = std::string(text);
  } else if constexpr (std::is_same_v<T, type_name_value>) {
    value.name = std::string(text);
  } else if constexpr (text_coded<T>) {
    read_text(text, value, ctx);
  } else if constexpr (std::is_enum_v<T>) {
    if (!boost::describe::enum_from_string(std::string(text).c_str(), value))
      ctx.fail("undefined enum \"" + std::string(enum_class_name<T>()) + "." + std::string(text) + "\"");
  }
}

}  // namespace detail

template <portable T>
http_form form_of() {
  http_form form{&type_of<T>(), {}};
  if constexpr (boost::describe::has_describe_members<T>::value && !std::is_enum_v<T>) {
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>>(
        [&](auto member) {
          using M = decltype(member);
          using field_type = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
          form_field f;
          f.name = member.name;
          f.from_json = [](void* object, const boost::json::value& j, decode_context& ctx) {
            decode_value(j, static_cast<T*>(object)->*M::pointer, ctx);
          };
          if constexpr (detail::is_form_text_v<typename detail::unwrap_optional<field_type>::type>)
            f.from_text = [](void* object, std::string_view text, decode_context& ctx) {
              detail::decode_form_text(text, static_cast<T*>(object)->*M::pointer, ctx);
            };
          form.fields.push_back(std::move(f));
        });
  }
  return form;
}

}  // namespace lc
