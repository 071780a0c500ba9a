#pragma once
// A message: an immutable value of a registered portable type, shared between copies.
// Every type that travels is registered once; its record carries the signature and the codec.
#include <optional>

#include "lc/value_codec.hpp"

namespace lc {

template <class T>
concept self_validating = requires(const T& value) {
  { validate(value) } -> std::convertible_to<std::optional<Faulted>>;
};

// Why a value that decoded is still refused: its type's validate() (a table too big, say). Every
// place where values enter the process asks: an HTTP request, a frame from a peer. Nothing for a
// type without validate, an empty message, or a value it accepts.
std::optional<Faulted> refusal_of(const message& m);

template <portable T>
const type_record& type_of() {
  static const type_record& record = detail::register_type([] {
    type_record r = detail::make_record<T>();
    if constexpr (self_validating<T>)
      r.validate = [](const void* value) -> std::optional<Faulted> { return validate(*static_cast<const T*>(value)); };
    return r;
  }());
  return record;
}

}  // namespace lc

#define LC_CAT_(a, b) a##b
#define LC_CAT(a, b) LC_CAT_(a, b)

// Registers a described struct (or described enum) under its portable name. Use at global scope
// after BOOST_DESCRIBE_STRUCT / BOOST_DESCRIBE_ENUM:  LC_MESSAGE(Xy, "test_api.Xy")
#define LC_MESSAGE(T, NAME)                                           \
  template <>                                                         \
  struct lc::registered_name<T> {                                     \
    static constexpr std::string_view value = NAME;                   \
  };                                                                  \
  namespace {                                                         \
  [[maybe_unused]] const ::lc::type_record& LC_CAT(lc_registered_, __COUNTER__) = ::lc::type_of<T>(); \
  }

// Registers a constructed type so that it decodes inside "any" (the reference's def_type).
#define LC_TYPE(...)                                                  \
  namespace {                                                         \
  [[maybe_unused]] const ::lc::type_record& LC_CAT(lc_registered_, __COUNTER__) = ::lc::type_of<__VA_ARGS__>(); \
  }
