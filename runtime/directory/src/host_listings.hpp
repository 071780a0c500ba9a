#pragma once
// A directory's tables (HOST for host-cake, GROUP for group-cake): the listings each connected
// process pushed up, by the proxy of its connection, and the matches between them, for listings
// as wide as the directory's scope or wider. Those wider than its scope also go up to its own
// parent while one is connected. What it decides it sends at once, as `self`.
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/regex.hpp>

#include "lc/directory_links.hpp"
#include "lc/directory_listing.hpp"
#include "lc/object.hpp"

namespace lc::detail {

class host_listings {
 public:
  host_listings(object& self, ScopeOfDirectory scope) : self_(self), scope_(scope) {}
  void receive(const message& m, const address& proxy);
  void connected(const address& proxy, const HostPort& from);
  void disconnected(const address& proxy);  // its listings go

  void parent_connected(const address& proxy);  // the wider listings go up, then each as it comes
  void parent_lost();
  bool wants_parent() const;  // holds a listing wider than its scope
  void fill(DirectoryListing& listing) const;  // listings, routes and the directories below

 private:
  struct origin {
    std::uint64_t order;  // of connection
    HostPort from;
    std::set<uuid> publishers, subscribers;
    std::uint64_t unexpected = 0;  // messages no directory sends
  };
  struct subscription {
    Subscribed listing;
    boost::regex search;
  };
  struct route {
    uuid route_id;
    Subscribed subscriber;
    Published publisher;
  };

  void unexpected(const std::string& what, const address& proxy);
  bool listable(ScopeOfDirectory scope, const std::string& name, const address& proxy);
  void add_publisher(Published p, const address& proxy);
  void add_subscriber(const Subscribed& s, const address& proxy);
  void clear(const std::set<uuid>& subscribers, const std::set<uuid>& publishers);
  void match(const Subscribed& s, const Published& p);

  std::string scope_text() const;  // "[ScopeOfDirectory.HOST]"

  object& self_;
  ScopeOfDirectory scope_;
  address parent_;
  std::unordered_map<address, origin> origins_;
  std::uint64_t connections_ = 0;
  std::map<uuid, Published> published_;
  std::map<std::string, uuid> published_name_;
  std::map<uuid, subscription> subscribed_;
  std::vector<route> routes_;
};

}  // namespace lc::detail
