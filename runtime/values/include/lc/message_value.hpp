#pragma once
// lc::message: an immutable value of a registered portable type, shared between copies.
// Include lc/message.hpp, which also registers the types it is built from.
#include <memory>
#include <string>
#include <type_traits>

#include "lc/type_record.hpp"

namespace lc {

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
