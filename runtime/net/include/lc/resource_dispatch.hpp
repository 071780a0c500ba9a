#pragma once
// Routes each FormRequest to a function by its resource, its method and the form fields present,
// as the reference's ResourceDispatch does. Each argument of a function has a converter, given in
// the function's order:
//
//   lc::ResourceDispatch dispatch(resource_form, lc::resources<Customer>());
//   dispatch.add<Customer>(lc::HttpMethod::GET, read_customer, lc::entry<std::int64_t>("identity"));
//   dispatch.add<Customer>(lc::HttpMethod::POST, create_customer, lc::decode_resource);
//   ...
//   if (auto* r = m.get<lc::FormRequest>()) dispatch(self, *r);   // replies to the request
//
// A function is called with its converted arguments, or with `lc::object&` first if it takes one.
// It returns the reply: a value (200 and its JSON), an HttpResponse, or an empty message (no reply).
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/describe.hpp>

#include "lc/codec.hpp"
#include "lc/http_form.hpp"
#include "lc/net_messages.hpp"
#include "lc/object.hpp"
#include "lc/re_form.hpp"

namespace lc {

enum class HttpMethod { CONNECT = 1, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE };
BOOST_DESCRIBE_ENUM(HttpMethod, CONNECT, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE)

using header_map = std::map<std::string, std::string>;

// A converter's refusal; `status` is the answer's (400, or 415 for a body of another media type).
struct conversion_error : std::runtime_error {
  int status;
  explicit conversion_error(const std::string& what, int status = 400) : std::runtime_error(what), status(status) {}
};

namespace detail {

void check_json_media(const FormRequest& request);  // 415 unless the body is JSON (or unlabelled)

// An integer or a float from all of `text`, or the refusal Python's int() and float() give.
template <class T>
T number_from_text(std::string_view text) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) throw conversion_error("value out of range: '" + std::string(text) + "'");
  if (error != std::errc{} || end != text.data() + text.size()) {
    if constexpr (std::is_integral_v<T>)
      throw conversion_error("invalid literal for int() with base 10: '" + std::string(text) + "'");
    else
      throw conversion_error("could not convert string to float: '" + std::string(text) + "'");
  }
  return value;
}

template <class T>
T value_from_text(std::string_view text) {
  if constexpr ((std::is_integral_v<T> && !std::is_same_v<T, bool>) || std::is_floating_point_v<T>) {
    return number_from_text<T>(text);
  } else {
    T value{};
    decode_context ctx;
    try {
      if constexpr (is_form_text_v<T>) decode_form_text(text, value, ctx);
      else decode_value(parse_json(text), value, ctx);
    } catch (const codec_error& e) {
      throw conversion_error(e.what());
    }
    return value;
  }
}

template <class T>
T body_value(const FormRequest& request) {
  check_json_media(request);
  if (!request.body || request.body->empty()) throw conversion_error("no body to decode");
  T value;
  try {
    value = decode<T>(*request.body);
  } catch (const codec_error& e) {
    throw conversion_error(e.what());
  }
  if (auto refused = refusal_of(message(value))) throw conversion_error(refused->condition);
  return value;
}

}  // namespace detail

// A form field's matched text as T; std::optional<T> also takes an absent field.
template <class T>
struct entry_as {
  using value_type = T;
  std::string name;
  T convert(const FormRequest& request) const {
    auto found = request.form_entry.find(name);
    if (found == request.form_entry.end() || !found->second) {
      if constexpr (detail::is_optional<T>::value) return std::nullopt;
      else throw conversion_error("no value for \"" + name + "\"");
    } else if constexpr (detail::is_optional<T>::value) {
      return detail::value_from_text<typename T::value_type>(*found->second);
    } else {
      return detail::value_from_text<T>(*found->second);
    }
  }
};
template <class T>
entry_as<T> entry(std::string name) {
  return {std::move(name)};
}

// A form field's matched text through the given function of std::string_view.
template <class F>
struct entry_with {
  using value_type = std::invoke_result_t<F, std::string_view>;
  std::string name;
  F function;
  value_type convert(const FormRequest& request) const {
    auto found = request.form_entry.find(name);
    if (found == request.form_entry.end() || !found->second) throw conversion_error("no value for \"" + name + "\"");
    return function(std::string_view(*found->second));
  }
};
template <class F>
entry_with<F> entry(std::string name, F function) {
  return {std::move(name), std::move(function)};
}

// The JSON body ({"value": ...}) as T, or as the resource's own type.
template <portable T>
struct decode_body_as {
  using value_type = T;
  T convert(const FormRequest& request) const { return detail::body_value<T>(request); }
};
template <portable T>
inline constexpr decode_body_as<T> decode_body{};
struct decode_resource_t {};
inline constexpr decode_resource_t decode_resource{};

// The reference's special names: the request's header, HTTP version and raw body.
struct request_header_t {
  using value_type = header_map;
  header_map convert(const FormRequest& request) const { return request.header; }
};
inline constexpr request_header_t request_header{};
struct request_http_t {
  using value_type = std::string;
  std::string convert(const FormRequest& request) const { return request.http; }
};
inline constexpr request_http_t request_http{};
struct request_body_t {
  using value_type = std::optional<std::string>;
  std::optional<std::string> convert(const FormRequest& request) const { return request.body; }
};
inline constexpr request_body_t request_body{};

template <class... R>
std::vector<const type_record*> resources() {
  return {&type_of<R>()...};
}

class ResourceDispatch {
 public:
  // Throws std::invalid_argument when the form has no "resource" field.
  ResourceDispatch(const ReForm& form, std::vector<const type_record*> resources);

  template <portable R, class F, class... C>
  void add(HttpMethod method, F function, C... converters) {
    std::vector<std::string> fields;
    (add_field(fields, converters), ...);
    auto frame = [function = std::move(function), ... c = resolved<R>(std::move(converters))](
                     object& self, const FormRequest& request) -> message {
      std::optional<std::tuple<typename decltype(c)::value_type...>> arguments;
      try {
        arguments.emplace(c.convert(request)...);
      } catch (const conversion_error&) {
        throw;
      } catch (const std::exception& e) {  // a converter of the user's own, as Python's int() raising
        throw conversion_error(e.what());
      }
      return std::apply(
          [&](auto&... a) -> message {
            if constexpr (std::is_invocable_v<const F&, object&, decltype(a)...>) return function(self, a...);
            else return function(a...);
          },
          *arguments);
    };
    add_frame(type_of<R>(), method, fields, std::move(frame));
  }

  // Converts, calls and replies to the request (unless the function returned nothing).
  void operator()(object& self, const FormRequest& request) const;
  // The reply alone: what operator() sends.
  message call(object& self, const FormRequest& request) const;

 private:
  using call_frame = std::function<message(object&, const FormRequest&)>;
  struct signature {
    std::string resource;
    HttpMethod method;
    std::vector<bool> present;  // per field of the form but "resource", in name order
    auto operator<=>(const signature&) const = default;
  };

  template <class R, class C>
  static auto resolved(C converter) {
    if constexpr (std::is_same_v<C, decode_resource_t>) return decode_body_as<R>{};
    else return converter;
  }
  template <class C>
  static void add_field(std::vector<std::string>& fields, const C& converter) {
    if constexpr (requires { converter.name; }) fields.push_back(converter.name);
  }
  void add_frame(const type_record& resource, HttpMethod method, const std::vector<std::string>& fields,
                 call_frame frame);
  message not_allowed(const FormRequest& request, const signature& key) const;

  std::vector<std::string> entry_names_;  // the form's fields but "resource"
  std::map<std::string, const type_record*> resource_by_name_;  // "customer"
  std::map<signature, call_frame> frames_;
};

}  // namespace lc

LC_MESSAGE(lc::HttpMethod, "layer_cake.http.HttpMethod")
