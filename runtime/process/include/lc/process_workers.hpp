#pragma once
#include <string>
#include <string_view>

#include "lc/object_spool.hpp"
#include "lc/process_object.hpp"

namespace lc {

namespace detail {
std::string format_role(std::string_view role_format, std::size_t index);  // "{i}" becomes index
}

// Workers for an ObjectSpool, each a ProcessObject whose role is role_format with "{i}" replaced
// by the worker's index; a restarted worker keeps its role.
//   self.create<lc::ObjectSpool>(lc::process_workers(worker), lc::spool_settings{.object_count = 8});
template <class R>
worker_factory process_workers(R (*function)(channel&), process_options options = {},
                               std::string role_format = "spool-{i}") {
  return [=](object& spool, std::size_t index) {
    auto o = options;
    o.role_name = detail::format_role(role_format, index);
    return spool.create<ProcessObject>(function, o);
  };
}
template <class R, class S>
worker_factory process_workers(R (*function)(channel&, const S&), const S& settings, process_options options = {},
                               std::string role_format = "spool-{i}") {
  return [=](object& spool, std::size_t index) {
    auto o = options;
    o.role_name = detail::format_role(role_format, index);
    return spool.create<ProcessObject>(function, settings, o);
  };
}

}  // namespace lc
