#pragma once
// The process directory's tables: publications by name, subscriptions by id, the matches between
// them, and the objects it watches so that a listing goes when its object ends. receive() handles
// one message and returns what to send; the caller sends it after letting go of the directory.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/regex.hpp>

#include "lc/directory_listing.hpp"

namespace lc::detail {

struct outgoing {
  message m;
  address to;
  address from;
};

class listings {
 public:
  explicit listings(address self) : self_(self) {}
  std::vector<outgoing> receive(const message& m, const address& from);
  DirectoryListing listing() const;  // what this process holds, for GetDirectory
  void unwatch_all();  // the directory is going

 private:
  struct publication {
    Published listing;
    address publisher;
  };
  struct subscription {
    Subscribed listing;
    address subscriber;
    boost::regex search;
  };
  struct route {
    uuid route_id, subscribed_id, published_id;
    std::string name;
    address subscriber, publisher;
    world_time opened_at;
  };

  void publish_as(const PublishAs& p, const address& from);
  void subscribe_to(const SubscribeTo& s, const address& from);
  void clear_published(const uuid& id);
  void clear_subscribed(const uuid& id);
  void gone(const address& who);
  void match(const subscription& s, const publication& p);
  template <class Ends>
  void drop_routes(Ends ends);  // Dropped to both sides of every route `ends` picks, which then go
  bool watch(const address& a);
  void release(const address& a);
  void send(message m, const address& to, const address& from);
  void console(const std::string& text) const;

  address self_;
  uuid unique_id_ = uuid::random();
  address gone_;  // the object whose end is being handled: nothing is sent to it
  std::map<std::string, publication> published_;
  std::map<uuid, subscription> subscribed_;
  std::vector<route> routes_;
  std::unordered_map<address, std::size_t> watched_;  // listings per watched object
  std::vector<outgoing> out_;
};

}  // namespace lc::detail
