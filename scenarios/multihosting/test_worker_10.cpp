// test_worker_10: a worker published under a name of its own at LAN scope, so any number of them
// can run. Once published it serves as scenario 3's worker does.
#include "lc/lc.hpp"
#include "worker.hpp"

lc::message published_worker(lc::channel& self) {
  auto tag = lc::uuid::random();
  lc::publish(self, "test-multihosting:worker-10:" + tag.to_string(), lc::ScopeOfDirectory::LAN);
  auto m = self.input();
  if (!m.is<lc::Published>()) return m;
  return worker(self);
}

LC_MAIN(published_worker)
