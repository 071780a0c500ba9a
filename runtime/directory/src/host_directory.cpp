#include "lc/host_directory.hpp"

#include "host_listings.hpp"
#include "link_options.hpp"
#include "lc/directory_listing.hpp"
#include "lc/listen_connect.hpp"

namespace lc {

namespace {

constexpr double reconnect_seconds = 1.0;

std::string text_of(const HostPort& ipp) { return ipp.host + ":" + std::to_string(ipp.port); }

// One directory of the tree: the listings of the directories below it, and the link to the one
// above (a group's to its host, a host's to its LAN), made at start when told where it is, else
// (a group only) on the first listing wider than the group; made again a second after it is lost.
class directory_node {
 public:
  directory_node(channel& self, ScopeOfDirectory scope, std::optional<HostPort> parent, bool connect_at_start,
                 address tell)
      : self_(self), scope_(scope), tables_(self, scope), parent_at_(std::move(parent)),
        connect_at_start_(connect_at_start), tell_(tell) {}

  message run(const HostPort& accept_at) {
    listen(self_, accept_at);
    for (;;) {
      message m = self_.input();
      if (m.get<Stop>()) return Aborted{};
      if (auto* n = m.get<NotListening>()) {
        if (tell_) self_.send(m, tell_);
        return *n;
      }
      receive(m);
      connect_parent();
    }
  }

 private:
  void receive(const message& m) {
    if (auto* l = m.get<Listening>()) {
      listening_at_ = l->listening_ipp;
      self_.console("Listening for directories at " + text_of(l->listening_ipp));
      if (tell_) self_.send(m, tell_);
    } else if (auto* a = m.get<Accepted>()) {
      tables_.connected(a->proxy_address, a->opened_ipp);
    } else if (auto* c = m.get<Connected>()) {
      connecting_ = false;
      parent_proxy_ = c->proxy_address;
      self_.console("Connected to directory at " + text_of(c->request.requested_ipp));
      tables_.parent_connected(parent_proxy_);
    } else if (m.get<NotConnected>()) {
      connecting_ = false;
      retry_later();
    } else if (m.get<T1>()) {
      waiting_ = false;
    } else if (auto* c = m.get<Closed>()) {
      if (self_.return_address() != parent_proxy_) {
        if (c->note) self_.warning("Lost directory at " + text_of(c->opened_ipp) + " (" + *c->note + ")");
        return tables_.disconnected(self_.return_address());
      }
      parent_proxy_ = {};
      tables_.parent_lost();
      retry_later();
    } else if (m.get<ListDirectory>()) {
      if (parent_proxy_) return self_.forward(m, parent_proxy_, self_.return_address());
      self_.reply(listing());
    } else if (m.get<GetDirectory>()) {
      self_.reply(listing());
    } else if (m.get<Ping>()) {
      self_.reply(m);
    } else {
      tables_.receive(m, address(self_.return_address().local_id()));
    }
  }

  void connect_parent() {
    if (!parent_at_ || parent_proxy_ || connecting_ || waiting_) return;
    if (!connect_at_start_ && !tables_.wants_parent()) return;
    connecting_ = true;
    connect(self_, *parent_at_, detail::link_options_for(*parent_at_));
  }

  void retry_later() {
    waiting_ = true;
    self_.start<T1>(reconnect_seconds);
  }

  DirectoryListing listing() const {
    DirectoryListing l;
    l.unique_id = unique_id_;
    l.executable = executable_name();
    l.directory_address = self_.self_address();
    l.scope = scope_;
    l.primary_ip = primary_ip();
    if (parent_proxy_) l.connect_to_directory = *parent_at_;
    l.accept_directories_at = listening_at_;
    tables_.fill(l);
    return l;
  }

  channel& self_;
  ScopeOfDirectory scope_;
  detail::host_listings tables_;
  std::optional<HostPort> parent_at_;
  bool connect_at_start_;
  address tell_;
  uuid unique_id_ = uuid::random();
  HostPort listening_at_{"", 0};
  address parent_proxy_;
  bool connecting_ = false;
  bool waiting_ = false;  // a second after a lost or refused connection
};

}  // namespace

message host_directory(channel& self, const HostPort& accept_at, std::optional<HostPort> directory_at_lan) {
  bool told = directory_at_lan.has_value();
  return directory_node(self, ScopeOfDirectory::HOST, std::move(directory_at_lan), told, {}).run(accept_at);
}

message lan_directory(channel& self, const HostPort& accept_at) {
  return directory_node(self, ScopeOfDirectory::LAN, std::nullopt, false, {}).run(accept_at);
}

message group_directory(channel& self, address tell, std::optional<HostPort> above) {
  bool told = above.has_value();
  auto parent = told ? *above : HostPort{"127.0.0.1", 54195};
  return directory_node(self, ScopeOfDirectory::GROUP, parent, told, tell).run(HostPort{"127.0.0.1", 0});
}

}  // namespace lc
