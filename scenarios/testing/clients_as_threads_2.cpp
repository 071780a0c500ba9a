// clients_as_threads_2: thread_count clients sharing one HTTP connection, so that HTTP's one
// request at a time is visible: the session queues the rest.
#include "client_stats.hpp"
#include "connect_and_request.hpp"
#include "lc/lc.hpp"

std::int64_t clients_as_threads_2(lc::channel& self, const threads_settings& settings) {
  lc::connect(self, settings.server_address, lc::http_client("/"));
  auto m = self.input();
  if (!m.is<lc::Connected>()) {
    self.warning("cannot connect", m.get<lc::Faulted>() ? m.get<lc::Faulted>()->to_string() : m.type_name());
    return 1;
  }
  lc::address session = self.return_address();
  client_settings one{settings.server_address, settings.request_count, settings.slow_down, settings.big_table};
  std::int64_t unexpected = 0;

  // A client ended: start another, unless it faulted (the clients may decline to none).
  std::function<void(lc::object&, const lc::message&)> replace = [&](lc::object& self, const lc::message& value) {
    if (value.is<lc::Aborted>()) return;
    if (const auto* f = value.get<lc::Faulted>(); f && !value.is<lc::Busy>()) {
      self.warning("client ended unexpectedly", f->to_string());
      ++unexpected;
      return;
    }
    self.on_return(create_shared_connection_client(self, session, one), replace);
  };
  for (std::int64_t i = 0; i < settings.thread_count; ++i)
    self.on_return(create_shared_connection_client(self, session, one), replace);

  while (self.working()) {
    m = self.input();
    if (m.is<lc::Stop>()) {
      self.abort();
      break;
    }
    if (m.is<lc::Returned>() && !self.handle_returned(m)) self.debrief();
    if (m.is<lc::Closed>()) {
      self.warning("the shared connection closed");
      self.abort();
      ++unexpected;
      break;
    }
  }
  while (self.working()) {
    m = self.input();
    if (m.is<lc::Returned>()) self.debrief();
  }
  self.send(lc::Close{}, session);
  std::fprintf(stderr, "%s\n", stats().summary("clients_as_threads_2").c_str());
  return unexpected;
}

LC_MAIN(clients_as_threads_2)
