#pragma once
// The record of a registered type: its signature and codec functions, and the registry that maps
// signatures to records. Every type that travels is registered once (lc/message.hpp).
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

struct type_record {
  std::string signature;  // "test_api.Xy", "vector<vector<float8>>"
  std::string name;       // bare class name ("Xy") for registered structs, else the signature
  std::type_index cpp_type = typeid(void);
  void (*encode)(const void* value, std::string& out, encode_context&) = nullptr;
  std::shared_ptr<const void> (*decode)(const boost::json::value&, decode_context&) = nullptr;
  std::shared_ptr<void> (*make_default)() = nullptr;
  const Faulted* (*as_faulted)(const void*) = nullptr;  // set for Faulted and its kinds
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

}  // namespace lc
