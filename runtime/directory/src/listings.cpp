#include "listings.hpp"

#include <algorithm>
#include <chrono>

#include "directory_link.hpp"
#include "lc/entry_point.hpp"
#include "lc/log.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {

namespace {
world_time world_now() {
  world_time now;
  now.utc = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  return now;
}
}  // namespace

std::vector<outgoing> listings::receive(const message& m, const address& from) {
  out_.clear();
  if (auto* p = m.get<PublishAs>()) publish_as(*p, from);
  else if (auto* s = m.get<SubscribeTo>()) subscribe_to(*s, from);
  else if (auto* c = m.get<ClearPublished>()) {
    send(PublishedCleared{c->name, c->scope, c->published_id, c->note}, from, self_);
    clear_published(c->published_id);
  } else if (auto* c = m.get<ClearSubscribed>()) {
    send(SubscribedCleared{c->search, c->scope, c->subscribed_id, c->note}, from, self_);
    clear_subscribed(c->subscribed_id);
  } else if (auto* g = m.get<Gone>()) gone(g->who);
  else if (auto* o = m.get<OpenDirectory>()) {
    if (auto link = directory_link(o->scope)) send(m, *link, from);
    else send(DirectoryOpened{}, from, self_);
  } else if (m.get<ListDirectory>()) {
    if (auto link = running_directory_link()) send(m, *link, from);
    else send(listing(), from, self_);
  } else if (m.get<GetDirectory>()) send(listing(), from, self_);
  else if (m.get<Ping>()) send(m, from, self_);
  return std::move(out_);
}

DirectoryListing listings::listing() const {
  DirectoryListing l;
  l.unique_id = unique_id_;
  l.executable = executable_name();
  l.directory_address = self_;
  bool library = process_flags().directory_scope == scope_of_directory::LIBRARY;
  l.scope = library ? ScopeOfDirectory::LIBRARY : ScopeOfDirectory::PROCESS;
  l.primary_ip = primary_ip();
  if (auto parent = parent_directory(); parent && running_directory_link()) l.connect_to_directory = *parent;
  for (auto& [name, p] : published_) l.published.push_back(p.listing);
  for (auto& [id, s] : subscribed_) l.subscribed.push_back(s.listing);
  for (auto& r : routes_) l.routed.push_back({r.name, r.subscribed_id, r.published_id});
  return l;
}

void listings::publish_as(const PublishAs& p, const address& from) {
  if (published_.contains(p.name)) return send(NotPublished(p.name, p.scope, "already published"), from, self_);
  if (!watch(p.publisher_address)) return;
  Published listing{p.name, p.scope, p.encrypted, uuid::random(), {}, self_};
  auto& entry = published_.emplace(p.name, publication{listing, p.publisher_address}).first->second;
  console("Published \"" + p.name + "\"[PROCESS]");
  send(listing, p.publisher_address, self_);
  if (auto link = directory_link(p.scope)) send(listing, *link, p.publisher_address);
  for (auto& [id, s] : subscribed_)
    if (boost::regex_match(p.name, s.search)) match(s, entry);
}

void listings::subscribe_to(const SubscribeTo& s, const address& from) {
  auto taken = std::find_if(subscribed_.begin(), subscribed_.end(), [&](auto& e) {
    return e.second.listing.search == s.search && e.second.subscriber == s.subscriber_address;
  });
  if (taken != subscribed_.end()) return send(NotSubscribed(s.search, s.scope, "already subscribed"), from, self_);
  boost::regex search;
  try {
    search = boost::regex(s.search, boost::regex::perl);
  } catch (const boost::regex_error& e) {
    if (logging(tag::warning))
      write_log(tag::warning, self_, "ObjectDirectory", "",
                "Cannot subscribe to \"" + s.search + "\" (" + e.what() + ")");
    return send(NotSubscribed(s.search, s.scope, "duplicates/search expression"), from, self_);
  }
  if (!watch(s.subscriber_address)) return;
  Subscribed listing{s.search, s.scope, uuid::random(), self_};
  auto& entry = subscribed_.emplace(listing.subscribed_id, subscription{listing, s.subscriber_address, search})
                    .first->second;
  console("Subscribed \"" + s.search + "\"[PROCESS]");
  send(listing, s.subscriber_address, self_);
  if (auto link = directory_link(s.scope)) send(listing, *link, s.subscriber_address);
  for (auto& [name, p] : published_)
    if (boost::regex_match(name, entry.search)) match(entry, p);
}

void listings::match(const subscription& s, const publication& p) {
  route r{uuid::random(), s.listing.subscribed_id, p.listing.published_id, p.listing.name,
          s.subscriber, p.publisher, world_now()};
  auto scope = ScopeOfDirectory::PROCESS;
  send(Available{r.name, scope, r.route_id, r.subscribed_id, r.published_id, r.publisher, r.opened_at},
       r.subscriber, r.publisher);
  send(Delivered{r.name, scope, r.route_id, r.subscribed_id, r.published_id, r.subscriber, r.opened_at},
       r.publisher, r.subscriber);
  routes_.push_back(std::move(r));
}

template <class Ends>
void listings::drop_routes(Ends ends) {
  auto scope = ScopeOfDirectory::PROCESS;
  auto first = std::stable_partition(routes_.begin(), routes_.end(), [&](const route& r) { return !ends(r); });
  for (auto r = first; r != routes_.end(); ++r) {
    send(Dropped{r->name, scope, r->route_id, r->subscribed_id, r->published_id, r->publisher, r->opened_at},
         r->subscriber, r->publisher);
    send(Dropped{r->name, scope, r->route_id, r->subscribed_id, r->published_id, r->subscriber, r->opened_at},
         r->publisher, r->subscriber);
  }
  routes_.erase(first, routes_.end());
}

void listings::clear_published(const uuid& id) {
  auto found = std::find_if(published_.begin(), published_.end(),
                            [&](auto& e) { return e.second.listing.published_id == id; });
  if (found == published_.end()) return;
  drop_routes([&](const route& r) { return r.published_id == id; });
  console("Cleared published \"" + found->first + "\"[PROCESS]");
  if (auto link = directory_link(found->second.listing.scope)) send(ClearListings{{}, {id}}, *link, self_);
  release(found->second.publisher);
  published_.erase(found);
}

void listings::clear_subscribed(const uuid& id) {
  auto found = subscribed_.find(id);
  if (found == subscribed_.end()) return;
  drop_routes([&](const route& r) { return r.subscribed_id == id; });
  console("Cleared subscribed \"" + found->second.listing.search + "\"[PROCESS]");
  if (auto link = directory_link(found->second.listing.scope)) send(ClearListings{{id}, {}}, *link, self_);
  release(found->second.subscriber);
  subscribed_.erase(found);
}

void listings::gone(const address& who) {
  if (!watched_.contains(who)) return;
  gone_ = who;
  std::vector<uuid> publications, subscriptions;
  for (auto& [name, p] : published_)
    if (p.publisher == who) publications.push_back(p.listing.published_id);
  for (auto& [id, s] : subscribed_)
    if (s.subscriber == who) subscriptions.push_back(id);
  for (auto& id : publications) clear_published(id);
  for (auto& id : subscriptions) clear_subscribed(id);
  watched_.erase(who);
  gone_ = {};
}

bool listings::watch(const address& a) {
  auto& count = watched_[a];
  if (count == 0 && !detail::watch(a, self_)) {
    watched_.erase(a);
    return false;
  }
  ++count;
  return true;
}

void listings::release(const address& a) {
  auto found = watched_.find(a);
  if (found == watched_.end() || --found->second > 0) return;
  if (a != gone_) detail::unwatch(a, self_);
  watched_.erase(found);
}

void listings::unwatch_all() {
  for (auto& [a, count] : watched_) detail::unwatch(a, self_);
  watched_.clear();
}

void listings::send(message m, const address& to, const address& from) {
  if (to == gone_) return;
  out_.push_back({std::move(m), to, from});
}

void listings::console(const std::string& text) const {
  if (logging(tag::console)) write_log(tag::console, self_, "ObjectDirectory", "", text);
}

}  // namespace lc::detail
