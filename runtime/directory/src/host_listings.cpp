#include "host_listings.hpp"

#include <algorithm>
#include <bit>

namespace lc::detail {

namespace {
std::string text_of(const HostPort& ipp) { return ipp.host + ":" + std::to_string(ipp.port); }
}  // namespace

std::string host_listings::scope_text() const {
  return std::string("[ScopeOfDirectory.") + boost::describe::enum_to_string(scope_, "?") + "]";
}

void host_listings::receive(const message& m, const address& proxy) {
  if (!origins_.contains(proxy)) return;
  if (auto* p = m.get<Published>()) add_publisher(*p, proxy);
  else if (auto* s = m.get<Subscribed>()) add_subscriber(*s, proxy);
  else if (auto* d = m.get<PublishedDirectory>()) {
    for (auto& p : d->published) add_publisher(p, proxy);
    for (auto& s : d->subscribed) add_subscriber(s, proxy);
  } else if (auto* c = m.get<ClearListings>()) {
    auto& o = origins_.at(proxy);
    for (auto& id : c->publishers) o.publishers.erase(id);
    for (auto& id : c->subscribers) o.subscribers.erase(id);
    clear(c->subscribers, c->publishers);
  } else {
    auto* unknown = m.get<Incognito>();
    unexpected(unknown ? unknown->type_name : m.type_name(), proxy);
  }
}

// A peer that sends what a directory never sends may send much: the first, second, fourth ...
// are logged.
void host_listings::unexpected(const std::string& what, const address& proxy) {
  auto& o = origins_.at(proxy);
  if (!std::has_single_bit(++o.unexpected)) return;
  self_.warning("Unexpected " + what + " from directory at " + text_of(o.from) + " (" +
                std::to_string(o.unexpected) + " on this link)");
}

bool host_listings::listable(ScopeOfDirectory scope, const std::string& name, const address& proxy) {
  if (scope <= scope_) return true;
  // GROUP listings reach a host directory legitimately and stay below it; no process pushes one
  // narrower than GROUP.
  if (scope > ScopeOfDirectory::GROUP) unexpected("listing \"" + name + "\" at a process's scope", proxy);
  return false;
}

void host_listings::connected(const address& proxy, const HostPort& from) {
  origins_.try_emplace(proxy, origin{connections_++, from, {}, {}, 0});
}

void host_listings::parent_connected(const address& proxy) {
  parent_ = proxy;
  PublishedDirectory up;
  for (auto& [id, p] : published_)
    if (p.scope < scope_) up.published.push_back(p);
  for (auto& [id, s] : subscribed_)
    if (s.listing.scope < scope_) up.subscribed.push_back(s.listing);
  if (!up.published.empty() || !up.subscribed.empty()) self_.send(up, parent_);
}

void host_listings::parent_lost() { parent_ = {}; }

bool host_listings::wants_parent() const {
  return std::any_of(published_.begin(), published_.end(), [&](auto& e) { return e.second.scope < scope_; }) ||
         std::any_of(subscribed_.begin(), subscribed_.end(),
                     [&](auto& e) { return e.second.listing.scope < scope_; });
}

void host_listings::fill(DirectoryListing& listing) const {
  for (auto& [id, p] : published_) listing.published.push_back(p);
  for (auto& [id, s] : subscribed_) listing.subscribed.push_back(s.listing);
  for (auto& r : routes_)
    listing.routed.push_back({r.publisher.name, r.subscriber.subscribed_id, r.publisher.published_id});
  std::vector<std::pair<std::uint64_t, std::pair<HostPort, address>>> below;
  for (auto& [proxy, o] : origins_) below.push_back({o.order, {o.from, proxy}});
  std::sort(below.begin(), below.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, entry] : below) listing.sub_directory.push_back(entry);
}

void host_listings::disconnected(const address& proxy) {
  auto found = origins_.find(proxy);
  if (found == origins_.end()) return;
  auto o = std::move(found->second);
  origins_.erase(found);
  clear(o.subscribers, o.publishers);
}

void host_listings::add_publisher(Published p, const address& proxy) {
  if (!listable(p.scope, p.name, proxy) || published_.contains(p.published_id)) return;
  if (published_name_.contains(p.name)) {
    self_.warning("Cannot publish \"" + p.name + "\" (multiple ids, same name)");
    return;
  }
  // A HOST or GROUP directory overlooks the loopback; a LAN one, the hosts that connect to it.
  p.listening_ipp.host = scope_ == ScopeOfDirectory::LAN ? origins_.at(proxy).from.host : "127.0.0.1";
  self_.console("Published \"" + p.name + "\"" + scope_text() + " (" + text_of(p.listening_ipp) + ")");
  origins_.at(proxy).publishers.insert(p.published_id);
  published_name_[p.name] = p.published_id;
  auto& listed = published_.emplace(p.published_id, std::move(p)).first->second;
  if (parent_ && listed.scope < scope_) self_.send(listed, parent_);
  for (auto& [id, s] : subscribed_)
    if (boost::regex_match(listed.name, s.search)) match(s.listing, listed);
}

void host_listings::add_subscriber(const Subscribed& s, const address& proxy) {
  if (!listable(s.scope, s.search, proxy) || subscribed_.contains(s.subscribed_id)) return;
  boost::regex search;
  try {
    search = boost::regex(s.search, boost::regex::perl);
  } catch (const boost::regex_error& e) {
    self_.warning("Cannot subscribe to \"" + s.search + "\" (" + e.what() + ")");
    return;
  }
  self_.console("Subscribed \"" + s.search + "\"" + scope_text());
  origins_.at(proxy).subscribers.insert(s.subscribed_id);
  auto& listed = subscribed_.emplace(s.subscribed_id, subscription{s, std::move(search)}).first->second;
  if (parent_ && s.scope < scope_) self_.send(s, parent_);
  for (auto& [id, p] : published_)
    if (boost::regex_match(p.name, listed.search)) match(listed.listing, p);
}

void host_listings::match(const Subscribed& s, const Published& p) {
  self_.console(std::string("Route (name=") + p.name + ",scope=ScopeOfDirectory." +
                boost::describe::enum_to_string(scope_, "?") + ",encrypted=" +
                (p.encrypted ? "True" : "False") + ")");
  route r{uuid::random(), s, p};
  self_.send(RouteOverLoop{r.route_id, scope_, p.encrypted, s.subscribed_id, p.published_id,
                           p.name, p.listening_ipp},
             s.home_address);
  routes_.push_back(std::move(r));
}

void host_listings::clear(const std::set<uuid>& subscribers, const std::set<uuid>& publishers) {
  auto first = std::stable_partition(routes_.begin(), routes_.end(), [&](const route& r) {
    return !subscribers.contains(r.subscriber.subscribed_id) && !publishers.contains(r.publisher.published_id);
  });
  for (auto r = first; r != routes_.end(); ++r) {
    auto& name = r->publisher.name;
    self_.console("Cleared route \"" + name + "\"" + scope_text() + " (" + r->publisher.published_id.to_string() + ")");
    self_.send(ClearSubscriberRoute{r->subscriber.subscribed_id, name, r->route_id}, r->subscriber.home_address);
    self_.send(ClearPublisherRoute{r->publisher.published_id, name, r->route_id}, r->publisher.home_address);
  }
  routes_.erase(first, routes_.end());
  ClearListings up;
  for (auto& id : subscribers) {
    auto s = subscribed_.find(id);
    if (s == subscribed_.end()) continue;
    if (s->second.listing.scope < scope_) up.subscribers.insert(id);
    self_.console("Cleared subscribed \"" + s->second.listing.search + "\"" + scope_text());
    subscribed_.erase(s);
  }
  for (auto& id : publishers) {
    auto p = published_.find(id);
    if (p == published_.end()) continue;
    if (p->second.scope < scope_) up.publishers.insert(id);
    self_.console("Cleared published \"" + p->second.name + "\"" + scope_text());
    published_name_.erase(p->second.name);
    published_.erase(p);
  }
  if (parent_ && (!up.subscribers.empty() || !up.publishers.empty())) self_.send(up, parent_);
}

}  // namespace lc::detail
