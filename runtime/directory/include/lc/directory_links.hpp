#pragma once
// What directories tell each other, under the reference's names (layer_cake.object_directory.*).
// A process pushes its wider listings up to its parent directory (PublishedDirectory on connect,
// then each Published or Subscribed, ClearListings as they go); the parent tells a subscriber's
// home directory where the publisher listens (RouteOverLoop); that process connects there and
// opens a loop per match (OpenLoop, answered by LoopOpened from the publisher's address; CloseLoop ends one).
#include <set>
#include <string>
#include <vector>

#include "lc/directory_messages.hpp"

namespace lc {

struct PublishedDirectory {
  std::vector<Published> published;
  std::vector<Subscribed> subscribed;
};
BOOST_DESCRIBE_STRUCT(PublishedDirectory, (), (published, subscribed))

struct ClearListings {
  std::set<uuid> subscribers;
  std::set<uuid> publishers;
};
BOOST_DESCRIBE_STRUCT(ClearListings, (), (subscribers, publishers))

struct RouteOverLoop {
  uuid route_id;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  bool encrypted = false;
  uuid subscribed_id;
  uuid published_id;
  std::string name;
  HostPort ipp;  // where the publisher's process listens
};
BOOST_DESCRIBE_STRUCT(RouteOverLoop, (), (route_id, scope, encrypted, subscribed_id, published_id, name, ipp))

struct ClearSubscriberRoute {
  uuid subscribed_id;
  std::string name;
  uuid route_id;
};
BOOST_DESCRIBE_STRUCT(ClearSubscriberRoute, (), (subscribed_id, name, route_id))

struct ClearPublisherRoute {
  uuid published_id;
  std::string name;
  uuid route_id;
};
BOOST_DESCRIBE_STRUCT(ClearPublisherRoute, (), (published_id, name, route_id))

struct OpenLoop {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid route_id;
  uuid subscribed_id;
  uuid published_id;
  address subscriber_address;
};
BOOST_DESCRIBE_STRUCT(OpenLoop, (), (name, scope, route_id, subscribed_id, published_id, subscriber_address))

struct LoopOpened {
  address publisher_address;
};
BOOST_DESCRIBE_STRUCT(LoopOpened, (), (publisher_address))

// Ends one loop: the subscriber has gone or cleared its search. The same fields as OpenLoop.
struct CloseLoop : OpenLoop {};
BOOST_DESCRIBE_STRUCT(CloseLoop, (OpenLoop), ())

struct LoopClosed : LoopOpened {};
BOOST_DESCRIBE_STRUCT(LoopClosed, (LoopOpened), ())

}  // namespace lc

LC_MESSAGE(lc::PublishedDirectory, "layer_cake.object_directory.PublishedDirectory")
LC_MESSAGE(lc::ClearListings, "layer_cake.object_directory.ClearListings")
LC_MESSAGE(lc::RouteOverLoop, "layer_cake.object_directory.RouteOverLoop")
LC_MESSAGE(lc::ClearSubscriberRoute, "layer_cake.object_directory.ClearSubscriberRoute")
LC_MESSAGE(lc::ClearPublisherRoute, "layer_cake.object_directory.ClearPublisherRoute")
LC_MESSAGE(lc::OpenLoop, "layer_cake.object_directory.OpenLoop")
LC_MESSAGE(lc::LoopOpened, "layer_cake.object_directory.LoopOpened")
LC_MESSAGE(lc::CloseLoop, "layer_cake.object_directory.CloseLoop")
LC_MESSAGE(lc::LoopClosed, "layer_cake.object_directory.LoopClosed")
