// test_worker_9: a worker published by name at HOST scope; it answers each Xy with a table.
// Once published it serves as scenario 3's worker does.
#include "lc/lc.hpp"
#include "worker.hpp"

lc::message published_worker(lc::channel& self) {
  lc::publish(self, "test-multihosting:worker-9");
  auto m = self.input();
  if (!m.is<lc::Published>()) return m;
  return worker(self);
}

LC_MAIN(published_worker)
