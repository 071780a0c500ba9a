// network and ping: the directory tree this process joins, read one listing at a time.
#include <iostream>

#include "commands.hpp"

namespace lc::tools {

namespace {

struct network_flags {
  std::optional<scope_of_directory> open_scope;
  bool full_identity = false;
  bool directory_addresses = false;
  bool list_published = false;
  bool list_subscribed = false;
  bool list_routed = false;
  bool list_connected = false;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &network_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(network_flags, (), (open_scope, full_identity, directory_addresses, list_published,
                                          list_subscribed, list_routed, list_connected))

struct ping_flags {
  std::optional<scope_of_directory> open_scope;
  int ping_count = 4;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &ping_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(ping_flags, (), (open_scope, ping_count))

constexpr double open_seconds = 30.0;
constexpr double list_seconds = 10.0;

ScopeOfDirectory scope_of(const std::optional<scope_of_directory>& flag) {
  if (!flag) return ScopeOfDirectory::HOST;
  return static_cast<ScopeOfDirectory>(static_cast<int>(*flag) + 1);
}

std::string id_text(const uuid& id, bool full) {
  auto text = id.to_string();
  return full ? text : text.substr(0, 8);
}

std::string scope_text(ScopeOfDirectory scope) { return boost::describe::enum_to_string(scope, "?"); }

std::string ipp_text(const HostPort& ipp) {
  return ipp.host.empty() ? "(not set)" : ipp.host + ":" + std::to_string(ipp.port);
}

void line(int tab, const std::string& text) {
  for (int i = 0; i < tab; ++i) std::cout << "+   ";
  std::cout << text << '\n';
}

// Joins the tree (OpenDirectory) and asks its top for a listing: the listing, or the Faulted.
message top_listing(channel& self, ScopeOfDirectory scope) {
  auto opened = self.ask<DirectoryOpened, Stop>(OpenDirectory{scope}, directory_address(), open_seconds);
  if (opened.m.get<Stop>()) return Aborted{};
  if (opened.index == selected::timed_out) return opened.m;
  auto listed = self.ask<DirectoryListing, Stop>(ListDirectory{}, directory_address(), list_seconds);
  if (listed.m.get<Stop>()) return Aborted{};
  return listed.m;
}

// The listing of the directory at `where`, or the Faulted.
message listing_at(channel& self, const address& where) {
  auto listed = self.ask<DirectoryListing, Stop>(GetDirectory{}, where, list_seconds);
  if (listed.m.get<Stop>()) return Aborted{};
  return listed.m;
}

void print_sessions(const DirectoryListing& d, const network_flags& f, int tab) {
  for (const auto& [id, peer] : d.peer) {
    line(tab, "? \"" + peer.search + "\" (" + id_text(id, f.full_identity) + ")");
    for (const auto& session : peer.session) {
      auto* route = session.route.get<RouteOverLoop>();
      if (!route) {
        line(tab + 1, "> \"" + session.name + "\" (no active route)");
        continue;
      }
      auto head = "> \"" + session.name + "\"[" + scope_text(route->scope) + "] ";
      if (auto* c = session.status.get<Connected>())
        line(tab + 1, head + "(" + ipp_text(c->opened_ipp) + " -> " + ipp_text(c->request.requested_ipp) + ")");
      else
        line(tab + 1, head + ipp_text(route->ipp) + " (not connected)");
    }
  }
}

message print_tree(channel& self, const DirectoryListing& d, const network_flags& f, int tab) {
  auto head = "[" + scope_text(d.scope) + "] " + d.executable + " (" + id_text(d.unique_id, f.full_identity) + ")";
  if (f.directory_addresses)
    head += " " + d.primary_ip + " <C>" + ipp_text(d.connect_to_directory) + " <L>" + ipp_text(d.accept_directories_at);
  line(tab, head);
  if (f.list_published)
    for (const auto& p : d.published) {
      auto at = p.listening_ipp.port ? " " + ipp_text(p.listening_ipp) : std::string{};
      line(tab + 1, "# \"" + p.name + "\" (" + id_text(p.published_id, f.full_identity) + ")" + at);
    }
  if (f.list_subscribed)
    for (const auto& s : d.subscribed)
      line(tab + 1, "? \"" + s.search + "\" (" + id_text(s.subscribed_id, f.full_identity) + ")");
  if (f.list_routed)
    for (const auto& r : d.routed)
      line(tab + 1, "<> \"" + r.name + "\" (" + id_text(r.subscribed_id, f.full_identity) + " -> " +
                        id_text(r.published_id, f.full_identity) + ")");
  if (f.list_connected) print_sessions(d, f, tab + 1);
  for (const auto& [from, where] : d.sub_directory) {
    auto m = listing_at(self, where);
    auto* below = m.get<DirectoryListing>();
    if (!below) return m;
    if (auto failed = print_tree(self, *below, f, tab + 1)) return failed;
  }
  return {};
}

// The directory whose id starts with `name`, searched depth first; a published or subscribed id
// is refused (not a directory), as the reference does.
message find_directory(channel& self, const DirectoryListing& d, const std::string& name) {
  auto starts = [&](const uuid& id) { return id.to_string().rfind(name, 0) == 0; };
  if (starts(d.unique_id)) return d;
  auto cannot = "cannot ping " + in_quotes(name);
  for (const auto& p : d.published)
    if (starts(p.published_id)) return Faulted(cannot, "not a directory node");
  for (const auto& s : d.subscribed)
    if (starts(s.subscribed_id)) return Faulted(cannot, "not a directory node");
  for (const auto& [from, where] : d.sub_directory) {
    auto m = listing_at(self, where);
    auto* below = m.get<DirectoryListing>();
    if (!below) return m;
    if (auto found = find_directory(self, *below, name)) return found;
  }
  return {};
}

}  // namespace

message network(channel& self, const command_input& in) {
  auto flags = flags_of<network_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto m = top_listing(self, scope_of(flags.open_scope));
  auto* top = m.get<DirectoryListing>();
  if (!top) return m;
  return print_tree(self, *top, flags, 0);
}

message ping(channel& self, const command_input& in) {
  auto flags = flags_of<ping_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  auto name = word_at(in.words, 0);
  if (name.empty()) return Faulted("cannot ping", "no identity specified");
  auto m = top_listing(self, scope_of(flags.open_scope));
  auto* top = m.get<DirectoryListing>();
  if (!top) return m;
  auto found = find_directory(self, *top, name);
  if (!found) return Faulted("cannot ping " + in_quotes(name), "not present in directory");
  auto* d = found.get<DirectoryListing>();
  if (!d) return found;
  for (int i = 0; i < flags.ping_count; ++i) {
    if (i > 0 && self.select<Stop>(1.0).m.get<Stop>()) return Aborted{};
    std::cout << '[' << i << "] ... " << std::flush;
    auto began = std::chrono::steady_clock::now();
    auto echo = self.ask<Ping, Stop>(Ping{}, d->directory_address, 3.0);
    if (echo.m.get<Stop>()) return Aborted{};
    if (echo.index == selected::timed_out) {
      std::cout << "(timed out)\n";
      continue;
    }
    std::cout << span_to_text(std::chrono::steady_clock::now() - began) << '\n';
  }
  return {};
}

}  // namespace lc::tools
