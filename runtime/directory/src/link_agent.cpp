#include "link_agent.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "lc/directory.hpp"
#include "lc/listen_connect.hpp"
#include "lc/log.hpp"
#include "link_options.hpp"
#include "process_listing.hpp"

namespace lc::detail {

namespace {
constexpr double reconnect_seconds = 1.0;

world_time world_now() {
  world_time now;
  now.utc = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  return now;
}

// A remote address is a route whose last id is the local proxy of its connection.
address proxy_of(const address& remote) { return address(remote.local_id()); }
}  // namespace

void link_agent::run() {
  connect_parent();
  for (;;) {
    message m = self_.input();
    if (m.get<Stop>()) return;
    receive(m);
  }
}

void link_agent::receive(const message& m) {
  if (auto* p = m.get<Published>()) published(*p);
  else if (auto* s = m.get<Subscribed>()) subscribed(*s);
  else if (auto* c = m.get<ClearListings>()) clear(*c);
  else if (auto* l = m.get<Listening>()) listening(*l);
  else if (auto* c = m.get<Connected>()) connected(*c);
  else if (auto* n = m.get<NotConnected>()) not_connected(*n);
  else if (m.get<Closed>()) closed();
  else if (auto* a = m.get<Accepted>()) {
    auto lid = listener_of_.find(a->listening.request.lid);
    if (lid != listener_of_.end()) accepted_[a->proxy_address] = {lid->second, {}};
  } else if (auto* r = m.get<RouteOverLoop>()) route(*r);
  else if (auto* o = m.get<OpenLoop>()) open_loop(*o);
  else if (auto* o = m.get<LoopOpened>()) loop_opened(*o);
  else if (auto* c = m.get<CloseLoop>()) close_loop(*c);
  else if (m.get<T1>()) connect_parent();
  else if (m.get<OpenDirectory>()) open_directory();
  else if (m.get<ListDirectory>()) list_directory();
  else if (m.get<GetDirectory>()) get_directory();
  else if (m.get<Ping>()) self_.reply(Ping{});
}

void link_agent::open_directory() {
  if (parent_proxy_) return self_.reply(DirectoryOpened{});
  openers_.push_back(self_.return_address());
  connect_parent();
}

// The topmost directory answers; without a parent, that is this process.
void link_agent::list_directory() {
  if (parent_proxy_) return self_.forward(ListDirectory{}, parent_proxy_, self_.return_address());
  get_directory();
}

void link_agent::get_directory() {
  auto listing = process_listing();
  for (auto& [id, s] : subscribed_) {
    DirectoryPeer peer{id, s.listing.search, {}};
    for (auto& l : loops_) {
      if (l.route.subscribed_id != id) continue;
      auto p = std::find_if(peers_.begin(), peers_.end(), [&](auto& e) { return e.second.proxy == l.proxy; });
      peer.session.push_back({l.route.name, l.route, p == peers_.end() ? message{} : p->second.connected});
    }
    listing.peer.insert_or_assign(id, std::move(peer));
  }
  self_.reply(listing);
}

void link_agent::published(const Published& p) {
  publication entry{p, self_.return_address(), {}, false};
  entry.listing.home_address = self_.self_address();
  // Reached from other hosts when listed wider than HOST, else over the loopback only.
  entry.lid = listen(self_, HostPort{p.scope < ScopeOfDirectory::HOST ? "0.0.0.0" : "127.0.0.1", 0});
  listener_of_[entry.lid] = p.published_id;
  published_[p.published_id] = std::move(entry);
}

void link_agent::listening(const Listening& l) {
  auto id = listener_of_.find(l.request.lid);
  if (id == listener_of_.end()) return;
  auto& p = published_.at(id->second);
  p.listing.listening_ipp = l.listening_ipp;
  p.listening = true;
  self_.console("Published[ScopeOfDirectory.PROCESS] (name=" + p.listing.name + ",listening=" +
                l.listening_ipp.host + ":" + std::to_string(l.listening_ipp.port) + ")");
  send_up(p.listing);
}

void link_agent::subscribed(const Subscribed& s) {
  subscription entry{s, self_.return_address()};
  entry.listing.home_address = self_.self_address();
  send_up(entry.listing);
  subscribed_[s.subscribed_id] = std::move(entry);
}

void link_agent::clear(const ClearListings& c) {
  for (auto& id : c.publishers) {
    auto p = published_.find(id);
    if (p == published_.end()) continue;
    stop_listening(self_, p->second.lid);
    listener_of_.erase(p->second.lid);
    std::vector<address> links;
    for (auto& [proxy, link] : accepted_)
      if (link.published_id == id) links.push_back(proxy);
    for (auto& proxy : links) {
      drop_accepted(proxy);
      self_.send(Close{}, proxy);
    }
    published_.erase(p);
  }
  for (auto& id : c.subscribers) {
    if (!subscribed_.erase(id)) continue;
    auto first = std::stable_partition(loops_.begin(), loops_.end(),
                                       [&](const loop& l) { return l.route.subscribed_id != id; });
    for (auto l = first; l != loops_.end(); ++l) {
      auto& r = l->route;
      self_.forward(Dropped{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, l->publisher, l->opened_at},
                    l->subscriber, l->publisher);
      self_.send(CloseLoop{{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, l->subscriber}}, l->proxy);
    }
    loops_.erase(first, loops_.end());
  }
  send_up(c);
}

void link_agent::connected(const Connected& c) {
  if (is_parent(c.request.requested_ipp)) {
    connecting_ = false;
    parent_proxy_ = c.proxy_address;
    for (auto& opener : std::exchange(openers_, {})) self_.send(DirectoryOpened{}, opener);
    PublishedDirectory listings;
    for (auto& [id, p] : published_)
      if (p.listening) listings.published.push_back(p.listing);
    for (auto& [id, s] : subscribed_) listings.subscribed.push_back(s.listing);
    if (!listings.published.empty() || !listings.subscribed.empty()) send_up(listings);
    return;
  }
  auto found = peers_.find(key_of(c.request.requested_ipp));
  if (found == peers_.end()) return self_.send(Close{}, c.proxy_address);
  auto& p = found->second;
  p.proxy = c.proxy_address;
  p.connected = c;
  for (auto& r : p.waiting) {
    auto s = subscribed_.find(r.subscribed_id);
    if (s == subscribed_.end()) continue;
    self_.send(OpenLoop{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, s->second.subscriber}, p.proxy);
    p.opening.push_back(r);
  }
  p.waiting.clear();
}

void link_agent::not_connected(const NotConnected& n) {
  if (is_parent(n.request.requested_ipp)) {
    connecting_ = false;
    for (auto& opener : std::exchange(openers_, {})) self_.send(DirectoryOpened{}, opener);
    self_.start<T1>(reconnect_seconds);
    return;
  }
  peers_.erase(key_of(n.request.requested_ipp));
}

void link_agent::closed() {
  address proxy = self_.return_address();
  if (proxy == parent_proxy_) {
    parent_proxy_ = {};
    self_.start<T1>(reconnect_seconds);
    return;
  }
  if (accepted_.contains(proxy)) return drop_accepted(proxy);
  drop_loops_of(proxy);
  std::erase_if(peers_, [&](auto& e) { return e.second.proxy == proxy; });
}

void link_agent::route(const RouteOverLoop& r) {
  if (published_.contains(r.published_id)) return;  // both ends here: matched inside the process
  if (!subscribed_.contains(r.subscribed_id) || routed(r)) return;
  auto key = key_of(r.ipp);
  auto [found, added] = peers_.try_emplace(key);
  auto& p = found->second;
  if (added) connect(self_, r.ipp, link_options_for(r.ipp));
  if (!p.proxy) return p.waiting.push_back(r);
  self_.send(OpenLoop{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id,
                      subscribed_.at(r.subscribed_id).subscriber}, p.proxy);
  p.opening.push_back(r);
}

// A parent that comes back sends the routes again: the loops open already stay as they are.
bool link_agent::routed(const RouteOverLoop& r) const {
  auto same = [&](const RouteOverLoop& o) {
    return o.subscribed_id == r.subscribed_id && o.published_id == r.published_id;
  };
  if (std::any_of(loops_.begin(), loops_.end(), [&](const loop& l) { return same(l.route); })) return true;
  return std::any_of(peers_.begin(), peers_.end(), [&](auto& e) {
    auto& p = e.second;
    return std::any_of(p.waiting.begin(), p.waiting.end(), same) ||
           std::any_of(p.opening.begin(), p.opening.end(), same);
  });
}

void link_agent::open_loop(const OpenLoop& o) {
  auto link = accepted_.find(proxy_of(self_.return_address()));
  auto p = published_.find(o.published_id);
  if (link == accepted_.end() || p == published_.end()) return;
  auto publisher = p->second.publisher;
  auto opened_at = world_now();
  link->second.loops.push_back({o, publisher, opened_at});
  self_.reply(LoopOpened{publisher});
  Delivered delivered{o.name, o.scope, o.route_id, o.subscribed_id, o.published_id, o.subscriber_address, opened_at};
  self_.forward(delivered, publisher, o.subscriber_address);
}

void link_agent::close_loop(const CloseLoop& c) {
  auto link = accepted_.find(proxy_of(self_.return_address()));
  if (link == accepted_.end()) return;
  auto& loops = link->second.loops;
  auto found = std::find_if(loops.begin(), loops.end(), [&](auto& l) { return l.open.route_id == c.route_id; });
  if (found == loops.end()) return;
  self_.reply(LoopClosed{{found->publisher}});
  self_.forward(Dropped{c.name, c.scope, c.route_id, c.subscribed_id, c.published_id, found->open.subscriber_address,
                        found->opened_at},
                found->publisher, found->open.subscriber_address);
  loops.erase(found);
}

void link_agent::loop_opened(const LoopOpened& o) {
  auto proxy = proxy_of(self_.return_address());
  auto found = std::find_if(peers_.begin(), peers_.end(), [&](auto& e) { return e.second.proxy == proxy; });
  if (found == peers_.end() || found->second.opening.empty()) return;
  auto r = found->second.opening.front();
  found->second.opening.pop_front();
  auto s = subscribed_.find(r.subscribed_id);
  if (s == subscribed_.end())  // cleared while the loop opened: the publisher has heard Delivered
    return self_.send(CloseLoop{{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, {}}}, proxy);
  loop l{r, s->second.subscriber, o.publisher_address, proxy, world_now()};
  self_.forward(Available{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, l.publisher, l.opened_at},
                l.subscriber, l.publisher);
  loops_.push_back(std::move(l));
}

void link_agent::drop_loops_of(const address& proxy) {
  auto first = std::stable_partition(loops_.begin(), loops_.end(), [&](const loop& l) { return l.proxy != proxy; });
  for (auto l = first; l != loops_.end(); ++l) {
    auto& r = l->route;
    self_.forward(Dropped{r.name, r.scope, r.route_id, r.subscribed_id, r.published_id, l->publisher, l->opened_at},
                  l->subscriber, l->publisher);
  }
  loops_.erase(first, loops_.end());
}

void link_agent::drop_accepted(const address& proxy) {
  auto link = accepted_.find(proxy);
  if (link == accepted_.end()) return;
  for (auto& l : link->second.loops) {
    auto& o = l.open;
    self_.forward(Dropped{o.name, o.scope, o.route_id, o.subscribed_id, o.published_id, o.subscriber_address,
                          l.opened_at},
                  l.publisher, o.subscriber_address);
  }
  accepted_.erase(link);
}

void link_agent::send_up(message m) {
  if (parent_proxy_) self_.send(std::move(m), parent_proxy_);
}

void link_agent::connect_parent() {
  if (connecting_ || parent_proxy_) return;
  connecting_ = true;
  connect(self_, parent_, link_options_for(parent_));
}

std::string link_agent::key_of(const HostPort& ipp) { return ipp.host + ":" + std::to_string(ipp.port); }

bool link_agent::is_parent(const HostPort& ipp) const { return ipp.host == parent_.host && ipp.port == parent_.port; }

}  // namespace lc::detail
