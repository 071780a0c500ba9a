// test_server_4: a spool of worker threads (8 by default); requests go through a GetResponse.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_api.hpp"
#include "worker.hpp"

lc::message server(lc::channel& self, const spool_server_settings& settings) {
  // Open a network port for HTTP clients, e.g. curl.
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  // Start a collection of workers.
  auto worker_spool = self.create<lc::ObjectSpool>(
      lc::workers(worker), lc::spool_settings{.object_count = settings.object_count, .stand_down = settings.stand_down});

  // Run a live network service.
  for (;;) {
    m = self.input();
    if (m.is<Xy>()) {
      auto a = self.create<lc::GetResponse>(m, worker_spool);
      self.on_return(a, [client = self.return_address()](lc::object& self, const lc::message& response) {
        self.send(response, client);
      });
    } else if (m.is<lc::Returned>()) {
      self.handle_returned(m);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
