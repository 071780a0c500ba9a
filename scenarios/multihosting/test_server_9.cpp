// test_server_9: requests go through a GetResponse to a spool of the workers the directory finds;
// each worker that becomes available joins the spool and each one dropped leaves it.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_api.hpp"

lc::message server(lc::channel& self, const server_settings& settings) {
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  lc::subscribe(self, "test-multihosting:worker-9");
  // Clients and workers may come before the subscription is confirmed: keep them for the loop.
  m = self.select<lc::Subscribed, lc::NotSubscribed, lc::Faulted, lc::Stop>(
              lc::saving<Xy, lc::Available, lc::Dropped>{}).m;
  if (!m.is<lc::Subscribed>()) return m;

  auto worker_spool = self.create<lc::ObjectSpool>(lc::spool_settings{});

  for (;;) {
    m = self.input();
    if (m.is<Xy>()) {
      auto a = self.create<lc::GetResponse>(m, worker_spool);
      self.on_return(a, [client = self.return_address()](lc::object& self, const lc::message& response) {
        self.send(response, client);
      });
    } else if (m.is<lc::Returned>()) {
      self.handle_returned(m);
    } else if (auto* available = m.get<lc::Available>()) {
      self.send(lc::JoinSpool{available->publisher_address}, worker_spool);
    } else if (auto* dropped = m.get<lc::Dropped>()) {
      self.send(lc::LeaveSpool{dropped->remote_address}, worker_spool);
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

LC_MAIN(server)
