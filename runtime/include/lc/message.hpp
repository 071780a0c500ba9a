#pragma once
// A message: an immutable value of a registered portable type, shared between copies.
// Every type that travels is registered once; its record carries the signature and the codec.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include <boost/json/value.hpp>

#include "lc/faulted.hpp"
#include "lc/portable.hpp"

namespace lc {

struct encode_context;
struct decode_context;

struct field_record {
  std::string name;
  bool is_text = false;  // text types take a raw query value; others a JSON fragment
  void (*from_json)(void* object, const boost::json::value&, decode_context&) = nullptr;
  void (*from_text)(void* object, std::string_view, decode_context&) = nullptr;
};

struct type_record {
  std::string signature;  // "test_api.Xy", "vector<vector<float8>>"
  std::string name;       // bare class name ("Xy") for registered structs, else the signature
  std::type_index cpp_type = typeid(void);
  void (*encode)(const void* value, std::string& out, encode_context&) = nullptr;
  std::shared_ptr<const void> (*decode)(const boost::json::value&, decode_context&) = nullptr;
  std::shared_ptr<void> (*make_default)() = nullptr;
  const Faulted* (*as_faulted)(const void*) = nullptr;  // set for Faulted and its kinds
  std::vector<field_record> fields;                     // registered structs only
  // From an ADL `std::optional<lc::Faulted> validate(const T&)`, when the type declares one:
  // a request that decodes but is out of range (e.g. a table too big) is refused with it.
  std::optional<Faulted> (*validate)(const void*) = nullptr;
};

// The registry: signature -> record. A second C++ type with a signature already taken is a
// start-up error (std::logic_error naming both).
const type_record* find_type(std::string_view signature);
std::vector<const type_record*> registered_types();

namespace detail {
const type_record& register_type(type_record record);
}

template <portable T>
const type_record& type_of();

class message {
 public:
  message() = default;

  template <class T>
    requires(portable<std::decay_t<T>> && !std::is_same_v<std::decay_t<T>, message>)
  message(T&& value)  // NOLINT: implicit by design, `send(Ack{}, to)`
      : value_(std::make_shared<const std::decay_t<T>>(std::forward<T>(value))),
        type_(&type_of<std::decay_t<T>>()) {}

  message(std::shared_ptr<const void> value, const type_record* type)
      : value_(std::move(value)), type_(type) {}

  // The same value, remembering the text it was decoded from, {"value":[signature, value, []]}
  // exactly as encode_any writes it: encoding the message again copies that text.
  message with_encoding(std::string text) const {
    message m = *this;
    m.encoding_ = std::make_shared<const std::string>(std::move(text));
    return m;
  }
  const std::string* encoding() const { return encoding_.get(); }

  bool empty() const { return type_ == nullptr; }
  explicit operator bool() const { return type_ != nullptr; }
  const type_record* type() const { return type_; }
  const void* raw() const { return value_.get(); }
  const std::string& type_name() const;  // the bare name, or "None"

  template <class T>
  const T* get() const {
    if (type_ == nullptr) return nullptr;
    if (type_->cpp_type == typeid(T)) return static_cast<const T*>(value_.get());
    if constexpr (std::is_same_v<T, Faulted>)
      if (type_->as_faulted) return type_->as_faulted(value_.get());
    return nullptr;
  }
  template <class T>
  bool is() const { return get<T>() != nullptr; }
  const Faulted* faulted() const { return get<Faulted>(); }

 private:
  std::shared_ptr<const void> value_;
  const type_record* type_ = nullptr;
  std::shared_ptr<const std::string> encoding_;
};

}  // namespace lc

#include "lc/detail/value_codec.hpp"

namespace lc {

template <class T>
concept self_validating = requires(const T& value) {
  { validate(value) } -> std::convertible_to<std::optional<Faulted>>;
};

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
