#include "lc/message.hpp"

#include <deque>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace lc {
namespace {

struct registry {
  std::mutex mutex;
  std::deque<type_record> records;  // stable addresses
  std::unordered_map<std::string_view, const type_record*> by_signature;
};

registry& the_registry() {
  static registry r;
  return r;
}

}  // namespace

namespace detail {

const type_record& register_type(type_record record) {
  auto& r = the_registry();
  std::lock_guard lock(r.mutex);
  if (auto found = r.by_signature.find(record.signature); found != r.by_signature.end()) {
    if (found->second->cpp_type == record.cpp_type) return *found->second;
    throw std::logic_error("type \"" + record.signature + "\" registered twice (by " +
                           found->second->cpp_type.name() + " and " + record.cpp_type.name() + ")");
  }
  auto& stored = r.records.emplace_back(std::move(record));
  r.by_signature.emplace(stored.signature, &stored);
  return stored;
}

}  // namespace detail

const type_record* find_type(std::string_view signature) {
  auto& r = the_registry();
  std::lock_guard lock(r.mutex);
  auto found = r.by_signature.find(signature);
  return found == r.by_signature.end() ? nullptr : found->second;
}

std::vector<const type_record*> registered_types() {
  auto& r = the_registry();
  std::lock_guard lock(r.mutex);
  std::vector<const type_record*> all;
  for (auto& record : r.records) all.push_back(&record);
  return all;
}

const std::string& message::type_name() const {
  static const std::string none = "None";
  return type_ ? type_->name : none;
}

std::optional<Faulted> refusal_of(const message& m) {
  if (!m.type() || !m.type()->validate) return std::nullopt;
  return m.type()->validate(m.raw());
}

}  // namespace lc
