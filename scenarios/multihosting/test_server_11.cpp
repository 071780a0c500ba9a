// test_server_11: as 10, with the spool's queue settings on the command line; when its port
// closes it stops the spool, clears its subscription and returns the NotListening.
#include "lc/lc.hpp"
#include "server_settings.hpp"
#include "test_api.hpp"

struct server_11_settings : server_settings {
  std::optional<std::int64_t> size_of_queue;
  std::optional<double> responsiveness;
  std::int64_t busy_pass_rate = 10;
};
BOOST_DESCRIBE_STRUCT(server_11_settings, (server_settings), (size_of_queue, responsiveness, busy_pass_rate))

lc::message server(lc::channel& self, const server_11_settings& settings) {
  lc::listen(self, settings.server_address, lc::http_server<Xy>());
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;

  lc::subscribe(self, "test-multihosting:worker-11:[-a-f0-9]+", lc::ScopeOfDirectory::LAN);
  // Clients and workers may come before the subscription is confirmed: keep them for the loop.
  m = self.select<lc::Subscribed, lc::NotSubscribed, lc::Faulted, lc::Stop>(
              lc::saving<Xy, lc::Available, lc::Dropped>{}).m;
  auto* subscribed = m.get<lc::Subscribed>();
  if (!subscribed) return m;
  auto subscription = *subscribed;

  auto worker_spool = self.create<lc::ObjectSpool>(lc::spool_settings{.size_of_queue = settings.size_of_queue,
                                                                       .responsiveness = settings.responsiveness,
                                                                       .busy_pass_rate = settings.busy_pass_rate});

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
    } else if (m.is<lc::NotListening>()) {
      break;
    } else if (m.is<lc::Faulted>()) {
      return m;
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }

  auto not_listening = m;  // what the server returns, once the spool and the subscription are gone
  self.stop(worker_spool);
  lc::clear_subscribed(self, subscription);
  self.select<lc::SubscribedCleared>();
  return not_listening;
}

LC_MAIN(server)
