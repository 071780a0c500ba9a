// connect_and_request: one client of the chosen --client-type; its value is the result.
#include "client_stats.hpp"
#include "connect_and_request.hpp"

lc::message connect_and_request(lc::channel& self, const connect_and_request_settings& settings) {
  if (!known_client_type(settings.client_type))
    return lc::Faulted("unknown client type", "\"" + settings.client_type + "\" (threaded, not_threaded, named_thread, state_machine)");
  auto a = create_client(self, settings.client_type, settings);
  lc::message value;
  for (;;) {
    auto m = self.input();
    if (m.is<lc::Stop>()) self.send(lc::Stop{}, a);
    if (const auto* r = m.get<lc::Returned>()) {
      value = r->message;
      break;
    }
  }
  std::fprintf(stderr, "%s\n", stats().summary("connect_and_request").c_str());
  return value;
}

LC_MAIN(connect_and_request)
