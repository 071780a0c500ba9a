// clients_as_processes: process_count processes of clients_as_threads. The result is the number
// of clients that ended unexpectedly, over every process.
#include "clients_as_threads.hpp"
#include "lc/lc.hpp"
#include "lc/process_object.hpp"

LC_PROCESS(clients_as_threads, "clients_as_threads")

std::int64_t clients_as_processes(lc::channel& self, const processes_settings& settings) {
  for (std::int64_t i = 0; i < settings.process_count; ++i) {
    auto a = self.create<lc::ProcessObject>(clients_as_threads, static_cast<const threads_settings&>(settings));
    self.assign(a, i);
  }
  if (settings.test_span) self.start<lc::T1>(settings.test_span->count());

  std::int64_t unexpected = 0;
  while (self.working()) {
    auto m = self.input();
    if (m.is<lc::Stop>() || m.is<lc::T1>()) {
      self.abort();
    } else if (const auto* r = m.get<lc::Returned>()) {
      self.debrief();
      const lc::message& value = r->message;
      if (value.is<lc::Aborted>()) continue;
      if (const auto* count = value.get<std::int64_t>()) {
        unexpected += *count;
      } else {
        self.warning(value.get<lc::Faulted>() ? "faulted" : "unexpected",
                     value.get<lc::Faulted>() ? value.get<lc::Faulted>()->to_string() : value.type_name());
        ++unexpected;
      }
    }
  }
  std::fprintf(stderr, "clients_as_processes: %lld clients ended unexpectedly\n", static_cast<long long>(unexpected));
  return unexpected;
}

LC_MAIN(clients_as_processes)
