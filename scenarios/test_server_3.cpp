// test_server_3: one worker thread; each request is delegated to it through a GetResponse.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_api.hpp"
#include "worker.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  // Open a network port for HTTP clients, e.g. curl.
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  // Start a request processor in a separate thread.
  auto worker_address = self.create(worker);

  // Run a live network service.
  for (;;) {
    m = self.input();
    if (m.is<Xy>()) {
      auto a = self.create<lc::GetResponse>(m, worker_address);
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
