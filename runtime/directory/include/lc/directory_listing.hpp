#pragma once
// Asking the directory tree what it holds, under the reference's names. OpenDirectory makes the
// process's directory join its parent (DirectoryOpened answers once it has, or has tried);
// ListDirectory goes up to the topmost directory, which answers with its DirectoryListing;
// GetDirectory is answered by the directory it is sent to. A listing's sub_directory holds the
// address of each directory connected below, by where it connected from, so a tree is read one
// GetDirectory at a time (`layer-cake network`).
#include <string>
#include <vector>

#include "lc/directory_messages.hpp"
#include "lc/portable_ordered_map.hpp"

namespace lc {

struct OpenDirectory {
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
};
BOOST_DESCRIBE_STRUCT(OpenDirectory, (), (scope))

struct DirectoryOpened {};
BOOST_DESCRIBE_STRUCT(DirectoryOpened, (), ())

struct ListDirectory {};
BOOST_DESCRIBE_STRUCT(ListDirectory, (), ())

struct GetDirectory {};
BOOST_DESCRIBE_STRUCT(GetDirectory, (), ())

struct DirectoryRoute {
  std::string name;
  uuid subscribed_id;
  uuid published_id;
};
BOOST_DESCRIBE_STRUCT(DirectoryRoute, (), (name, subscribed_id, published_id))

// One match of a subscription over a connection: the route (RouteOverLoop) and the connection's
// state (Connected, or the Faulted that ended it).
struct PeerSession {
  std::string name;
  message route;
  message status;
};
BOOST_DESCRIBE_STRUCT(PeerSession, (), (name, route, status))

struct DirectoryPeer {
  uuid subscribed_id;
  std::string search;
  std::vector<PeerSession> session;
};
BOOST_DESCRIBE_STRUCT(DirectoryPeer, (), (subscribed_id, search, session))

// A HostPort with an empty host is "(not set)".
struct DirectoryListing {
  uuid unique_id;
  std::string executable;
  address directory_address;
  ScopeOfDirectory scope = ScopeOfDirectory::PROCESS;
  std::string primary_ip = "(not detected)";
  HostPort connect_to_directory{"", 0};
  HostPort accept_directories_at{"", 0};
  std::vector<Published> published;
  std::vector<Subscribed> subscribed;
  std::vector<DirectoryRoute> routed;
  ordered_map<uuid, DirectoryPeer> peer;
  ordered_map<HostPort, address> sub_directory;
};
BOOST_DESCRIBE_STRUCT(DirectoryListing, (),
                      (unique_id, executable, directory_address, scope, primary_ip, connect_to_directory,
                       accept_directories_at, published, subscribed, routed, peer, sub_directory))

// What a listing shows of this process: its executable's name and the address other hosts
// reach it by (the first IPv4 address of an interface that is up and not the loopback).
std::string executable_name();
std::string primary_ip();

}  // namespace lc

LC_MESSAGE(lc::OpenDirectory, "layer_cake.object_directory.OpenDirectory")
LC_MESSAGE(lc::DirectoryOpened, "layer_cake.object_directory.DirectoryOpened")
LC_MESSAGE(lc::ListDirectory, "layer_cake.object_directory.ListDirectory")
LC_MESSAGE(lc::GetDirectory, "layer_cake.object_directory.GetDirectory")
LC_MESSAGE(lc::DirectoryRoute, "layer_cake.object_directory.DirectoryRoute")
LC_MESSAGE(lc::PeerSession, "layer_cake.object_directory.PeerSession")
LC_MESSAGE(lc::DirectoryPeer, "layer_cake.object_directory.DirectoryPeer")
LC_MESSAGE(lc::DirectoryListing, "layer_cake.object_directory.DirectoryListing")
