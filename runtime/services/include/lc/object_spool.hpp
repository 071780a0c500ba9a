#pragma once
// A pool of workers behind one address (reference §5). Requests go to idle workers FIFO, wait in a
// queue when none is idle, get Overloaded when the queue is full and Busy (1 in busy_pass_rate
// passes) while the mean of the last 32 response times is at least `responsiveness`.
//   auto spool = self.create<lc::ObjectSpool>(lc::workers(worker_fn, args...), lc::spool_settings{.object_count = 4});
// Without a factory the spool starts empty and workers come and go with JoinSpool / LeaveSpool;
// while it has none, requests get TemporarilyUnavailable.
// Unlike the reference: a dead worker leaves the idle list at once and its in-flight client gets a
// Faulted; on Stop every queued and in-flight client gets Aborted; a worker that left is never
// handed work again, and a worker that joins twice is listed once; a request whose client has
// ended is dropped, not run (its client gets Aborted).
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "lc/channel.hpp"
#include "lc/machine.hpp"

namespace lc {

struct spool_settings {
  std::int64_t object_count = 8;
  std::optional<std::int64_t> size_of_queue;
  std::optional<double> responsiveness = 5.0;
  std::int64_t busy_pass_rate = 10;
  std::optional<double> stand_down = 30.0;
};

// Creates worker `index` as a child of the spool and returns its address.
using worker_factory = std::function<address(object& spool, std::size_t index)>;

template <class F, class... A>
worker_factory workers(F fn, A... args) {
  return [fn, args...](object& spool, std::size_t) { return spool.create(fn, args...); };
}
template <class M, class... A>
worker_factory machine_workers(A... args) {
  return [args...](object& spool, std::size_t) { return spool.template create<M>(args...); };
}

struct JoinSpool {
  address worker_address;
  std::string role_name;
};
BOOST_DESCRIBE_STRUCT(JoinSpool, (), (worker_address, role_name))

struct LeaveSpool {
  address worker_address;
  std::string role_name;
};
BOOST_DESCRIBE_STRUCT(LeaveSpool, (), (worker_address, role_name))

struct ObjectSpool : stateless<ObjectSpool, Start, Stop, Returned, JoinSpool, LeaveSpool> {
  explicit ObjectSpool(worker_factory factory, spool_settings settings = {})
      : factory_(std::move(factory)), settings_(settings) {}
  explicit ObjectSpool(spool_settings settings) : settings_(settings) {}  // workers join later
  void on(const Start&);
  void on(const Stop&);
  void on(const Returned&);
  void on(const JoinSpool&);
  void on(const LeaveSpool&);
  void on_unknown(const message& request);

 private:
  using clock = std::chrono::steady_clock;
  struct request {
    message m;
    address client;
    clock::time_point arrived;
  };
  void submit(request r);
  void serve_pending();
  bool drop_if_departed(const request& r);
  void drop_dead_idle();
  void add_worker(std::size_t index);
  void worker_ended(std::size_t index, const address& worker, const message& value);
  double average() const;

  worker_factory factory_;
  spool_settings settings_;
  std::deque<address> idle_;
  std::deque<request> pending_;
  std::unordered_map<address, address> in_flight_;  // worker -> its GetResponse
  std::unordered_set<address> departed_;            // left while working: not idle again
  std::deque<double> spans_;
  std::int64_t busy_counter_ = 0;
  bool clearing_ = false;
};

}  // namespace lc

LC_MESSAGE(lc::JoinSpool, "layer_cake.object_spool.JoinSpool")
LC_MESSAGE(lc::LeaveSpool, "layer_cake.object_spool.LeaveSpool")
