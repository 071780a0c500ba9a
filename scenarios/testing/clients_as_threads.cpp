#include "clients_as_threads.hpp"

#include "client_stats.hpp"
#include "connect_and_request.hpp"

namespace {

client_settings one_client(const threads_settings& s) {
  return client_settings{s.server_address, s.request_count, s.slow_down, s.big_table};
}

}  // namespace

std::int64_t clients_as_threads(lc::channel& self, const threads_settings& settings) {
  if (!known_client_type(settings.client_type)) {
    self.fault("unknown client type", settings.client_type);
    return 1;
  }
  std::int64_t unexpected = 0;
  std::function<void(lc::object&)> start_client;

  // A client ended: replace it after a breather, unless it faulted.
  auto check_response = [&](lc::object& self, const lc::message& value) {
    if (value.is<lc::Aborted>()) return;
    if (const auto* f = value.get<lc::Faulted>(); f && !value.is<lc::TimedOut>()) {
      self.warning("client ended unexpectedly", f->to_string());
      ++unexpected;
      return;
    }
    auto a = self.create<lc::Delay>(settings.slow_down);
    self.on_return(a, [&](lc::object& self, const lc::message& delayed) {
      if (!delayed.is<lc::Aborted>()) start_client(self);
    });
  };
  start_client = [&](lc::object& self) {
    auto a = create_client(self, settings.client_type, one_client(settings));
    self.on_return(a, check_response);
  };

  for (std::int64_t i = 0; i < settings.thread_count; ++i) start_client(self);

  while (self.working()) {
    auto m = self.input();
    if (m.is<lc::Stop>()) {
      self.abort();
      break;
    }
    if (m.is<lc::Returned>() && !self.handle_returned(m)) self.debrief();
  }
  if (!self.working()) self.warning("number of clients declined to zero");
  // Wait for every client to clear.
  while (self.working()) {
    auto m = self.input();
    if (m.is<lc::Returned>()) self.debrief();
  }
  std::fprintf(stderr, "%s\n", stats().summary("clients_as_threads").c_str());
  return unexpected;
}
