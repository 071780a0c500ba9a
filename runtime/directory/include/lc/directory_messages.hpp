#pragma once
// The directory's messages, under the reference's names (layer_cake.object_directory.*) and with
// its fields in its order. publish() and subscribe() (directory.hpp) send PublishAs and
// SubscribeTo; the directory answers Published or NotPublished, Subscribed or NotSubscribed, and
// tells each side of a match: Available to the subscriber (from the publisher's address),
// Delivered to the publisher (from the subscriber's), Dropped to both when the match ends.
#include <optional>
#include <string>

#include "lc/address.hpp"
#include "lc/faulted.hpp"
#include "lc/message.hpp"
#include "lc/messages.hpp"
#include "lc/time_values.hpp"
#include "lc/uuid.hpp"

namespace lc {

// How far a name reaches; a larger value is a narrower scope.
enum class ScopeOfDirectory { WAN = 1, LAN, HOST, GROUP, PROCESS, LIBRARY };
BOOST_DESCRIBE_ENUM(ScopeOfDirectory, WAN, LAN, HOST, GROUP, PROCESS, LIBRARY)

struct PublishAs {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  address publisher_address;
  bool encrypted = false;
};
BOOST_DESCRIBE_STRUCT(PublishAs, (), (name, scope, publisher_address, encrypted))

struct SubscribeTo {
  std::string search;  // a regular expression that must match a whole name
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  address subscriber_address;
};
BOOST_DESCRIBE_STRUCT(SubscribeTo, (), (search, scope, subscriber_address))

struct Published {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  bool encrypted = false;
  uuid published_id;
  HostPort listening_ipp;
  address home_address;  // the directory that holds the listing
};
BOOST_DESCRIBE_STRUCT(Published, (), (name, scope, encrypted, published_id, listening_ipp, home_address))

struct Subscribed {
  std::string search;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid subscribed_id;
  address home_address;
};
BOOST_DESCRIBE_STRUCT(Subscribed, (), (search, scope, subscribed_id, home_address))

struct ClearPublished {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid published_id;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(ClearPublished, (), (name, scope, published_id, note))

struct ClearSubscribed {
  std::string search;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid subscribed_id;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(ClearSubscribed, (), (search, scope, subscribed_id, note))

struct PublishedCleared {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid published_id;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(PublishedCleared, (), (name, scope, published_id, note))

struct SubscribedCleared {
  std::string search;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  uuid subscribed_id;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(SubscribedCleared, (), (search, scope, subscribed_id, note))

// Refusals are Faulted, as in the reference: condition `cannot publish as "<name>"`, the note as
// explanation. The reference writes its own fields before Faulted's, so they are listed here
// rather than taken from a described base.
struct NotPublished : Faulted {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  std::optional<std::string> note;

  NotPublished() = default;
  NotPublished(std::string refused, ScopeOfDirectory in, std::optional<std::string> why)
      : Faulted("cannot publish as \"" + refused + "\"", why), name(std::move(refused)), scope(in),
        note(std::move(why)) {}
};
BOOST_DESCRIBE_STRUCT(NotPublished, (), (name, scope, note, condition, explanation, error_code, exit_status))

struct NotSubscribed : Faulted {
  std::string search;
  ScopeOfDirectory scope = ScopeOfDirectory::HOST;
  std::optional<std::string> note;

  NotSubscribed() = default;
  NotSubscribed(std::string refused, ScopeOfDirectory in, std::optional<std::string> why)
      : Faulted("cannot subscribe to \"" + refused + "\"", why), search(std::move(refused)), scope(in),
        note(std::move(why)) {}
};
BOOST_DESCRIBE_STRUCT(NotSubscribed, (), (search, scope, note, condition, explanation, error_code, exit_status))

// A subscriber and a publisher matched: the subscriber hears Available from publisher_address.
struct Available {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::PROCESS;  // where the match was made
  uuid route_id;
  uuid subscribed_id;
  uuid published_id;
  address publisher_address;
  world_time opened_at;
};
BOOST_DESCRIBE_STRUCT(Available, (),
                      (name, scope, route_id, subscribed_id, published_id, publisher_address, opened_at))

// The same match, told to the publisher, from subscriber_address.
struct Delivered {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::PROCESS;
  uuid route_id;
  uuid subscribed_id;
  uuid published_id;
  address subscriber_address;
  world_time opened_at;
};
BOOST_DESCRIBE_STRUCT(Delivered, (),
                      (name, scope, route_id, subscribed_id, published_id, subscriber_address, opened_at))

// The match has ended; remote_address is the other side, and the message comes from it.
struct Dropped {
  std::string name;
  ScopeOfDirectory scope = ScopeOfDirectory::PROCESS;
  uuid route_id;
  uuid subscribed_id;
  uuid published_id;
  address remote_address;
  world_time opened_at;
};
BOOST_DESCRIBE_STRUCT(Dropped, (), (name, scope, route_id, subscribed_id, published_id, remote_address, opened_at))

}  // namespace lc

LC_MESSAGE(lc::ScopeOfDirectory, "layer_cake.command_line.ScopeOfDirectory")
LC_MESSAGE(lc::PublishAs, "layer_cake.object_directory.PublishAs")
LC_MESSAGE(lc::SubscribeTo, "layer_cake.object_directory.SubscribeTo")
LC_MESSAGE(lc::Published, "layer_cake.object_directory.Published")
LC_MESSAGE(lc::Subscribed, "layer_cake.object_directory.Subscribed")
LC_MESSAGE(lc::ClearPublished, "layer_cake.object_directory.ClearPublished")
LC_MESSAGE(lc::ClearSubscribed, "layer_cake.object_directory.ClearSubscribed")
LC_MESSAGE(lc::PublishedCleared, "layer_cake.object_directory.PublishedCleared")
LC_MESSAGE(lc::SubscribedCleared, "layer_cake.object_directory.SubscribedCleared")
LC_MESSAGE(lc::NotPublished, "layer_cake.object_directory.NotPublished")
LC_MESSAGE(lc::NotSubscribed, "layer_cake.object_directory.NotSubscribed")
LC_MESSAGE(lc::Available, "layer_cake.object_directory.Available")
LC_MESSAGE(lc::Delivered, "layer_cake.object_directory.Delivered")
LC_MESSAGE(lc::Dropped, "layer_cake.object_directory.Dropped")
