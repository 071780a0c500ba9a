#pragma once
// The table of live objects: address -> name, parent, mailbox (or external delivery) and
// watchers. Delivery reads it under a shared lock; creation and removal take it exclusively.
#include <deque>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mailbox.hpp"
#include "lc/address.hpp"
#include "lc/message.hpp"

namespace lc::detail {

using deliver_fn = std::function<void(message, address, address)>;

class object_table {
 public:
  address add_mailbox(std::string name, const address& parent, std::shared_ptr<mailbox> box);
  address add_external(std::string name, const address& parent, deliver_fn deliver);
  // Removes `a`; every watcher gets Gone{a} from it, and the work of its remote parties Stop.
  void remove(const address& a);
  // An external that has gone: not alive any more (as remove tells), but still hears messages.
  void retire(const address& a);
  // `child`, created while its parent handled a message from `client`, works for client's remote
  // party when client is routed through a connection (two or more hops). False when that
  // connection has already gone.
  bool adopt_work(const address& child, const address& client);
  // A message that work stopped for a departed party (above) sent to an object older than itself
  // (the worker or spool it asked) and that still waits in a mailbox: nobody waits for its answer,
  // so it is not handed over. What it sends to itself, its children or its parent, and Stop, Gone
  // and Returned, still get through, so the work winds down as usual.
  bool abandoned(const envelope& e) const;
  void cancel_route(const address& route);  // see detail::cancel_route
  bool contains(const address& a) const;
  std::size_t size() const;
  bool watch(const address& target, const address& watcher);
  void unwatch(const address& target, const address& watcher);
  bool post(message m, const address& to, const address& from);
  std::vector<address> children_of(const address& parent) const;
  std::vector<std::shared_ptr<mailbox>> mailboxes() const;
  void clear();

 private:
  struct cell {
    std::string name;
    address parent;
    std::shared_ptr<mailbox> box;
    std::shared_ptr<deliver_fn> external;
    std::vector<address> watchers;
    std::uint32_t works_for = 0;  // the connection proxy of the remote party it was created for
    bool retired = false;         // an external that has gone but still hears late messages
  };
  // Who hears that an object or a connection has gone: taken under the lock, told after it.
  struct departure {
    address who;
    std::vector<address> watchers;
    std::vector<std::uint32_t> work;
  };
  address add(cell c);
  void remember_cancelled(const std::vector<std::uint32_t>& work);  // under mutex_
  departure depart(std::uint32_t id, cell& c);
  void announce(const departure& d);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::uint32_t, cell> cells_;
  std::unordered_map<std::uint32_t, std::unordered_set<std::uint32_t>> work_;  // proxy id -> who works for it
  std::atomic<std::uint32_t> next_id_{1};

  static constexpr std::size_t cancelled_limit = 4096;  // the newest are remembered
  mutable std::mutex cancelled_mutex_;
  std::unordered_map<std::uint32_t, std::uint32_t> cancelled_;  // stopped work id -> its parent id
  std::deque<std::uint32_t> cancelled_order_;
  std::unordered_set<address> cancelled_routes_;
  std::deque<address> cancelled_routes_order_;
  std::atomic<bool> any_cancelled_{false};
  std::atomic<bool> any_route_cancelled_{false};  // apart, so routed traffic pays nothing until a peer cancels
};

object_table& objects();

}  // namespace lc::detail
