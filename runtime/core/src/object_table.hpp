#pragma once
// The table of live objects: address -> name, parent, mailbox (or external delivery) and
// watchers. Delivery reads it under a shared lock; creation and removal take it exclusively.
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
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
  // Removes `a`; every watcher gets Gone{a} from it.
  void remove(const address& a);
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
  };
  address add(cell c);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::uint32_t, cell> cells_;
  std::atomic<std::uint32_t> next_id_{1};
};

object_table& objects();

}  // namespace lc::detail
