#pragma once
// What the directory link does with each message it receives (directory_link.hpp says why).
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lc/channel.hpp"
#include "lc/directory_links.hpp"
#include "lc/directory_listing.hpp"
#include "lc/net_messages.hpp"

namespace lc::detail {

class link_agent {
 public:
  link_agent(channel& self, HostPort parent) : self_(self), parent_(std::move(parent)) {}
  void run();  // until Stop

 private:
  struct publication {
    Published listing;
    address publisher;
    std::string lid;
    bool listening = false;
  };
  struct subscription {
    Subscribed listing;
    address subscriber;
  };
  struct peer {  // a connection to a publisher's process
    address proxy;
    message connected;                   // the Connected, for listings
    std::vector<RouteOverLoop> waiting;  // until connected
    std::deque<RouteOverLoop> opening;   // OpenLoop sent, LoopOpened not yet back
  };
  struct loop {  // a match made over a peer connection, subscriber side
    RouteOverLoop route;
    address subscriber, publisher, proxy;
    world_time opened_at;
  };
  struct accepted_loop {  // the same, publisher side
    OpenLoop open;
    address publisher;
    world_time opened_at;
  };
  struct accepted_link {
    uuid published_id;
    std::vector<accepted_loop> loops;
  };

  void receive(const message& m);
  void published(const Published& p);
  void subscribed(const Subscribed& s);
  void clear(const ClearListings& c);
  void listening(const Listening& l);
  void connected(const Connected& c);
  void not_connected(const NotConnected& n);
  void closed();
  void route(const RouteOverLoop& r);
  bool routed(const RouteOverLoop& r) const;
  void open_loop(const OpenLoop& o);
  void loop_opened(const LoopOpened& o);
  void close_loop(const CloseLoop& c);
  void open_directory();
  void list_directory();
  void get_directory();
  void send_up(message m);
  void connect_parent();
  void drop_loops_of(const address& proxy);
  void drop_accepted(const address& proxy);
  static std::string key_of(const HostPort& ipp);
  bool is_parent(const HostPort& ipp) const;

  channel& self_;
  HostPort parent_;
  address parent_proxy_;
  bool connecting_ = false;
  std::vector<address> openers_;  // OpenDirectory waiting for the parent
  std::map<uuid, publication> published_;
  std::map<std::string, uuid> listener_of_;  // lid -> publication
  std::map<uuid, subscription> subscribed_;
  std::map<std::string, peer> peers_;        // by host:port
  std::vector<loop> loops_;
  std::unordered_map<address, accepted_link> accepted_;  // by proxy
};

}  // namespace lc::detail
