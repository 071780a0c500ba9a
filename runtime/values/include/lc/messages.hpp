#pragma once
// The reference's standard messages, under their Python wire names.
#include "lc/message.hpp"

namespace lc {

#define LC_EMPTY_MESSAGE(T) \
  struct T {};              \
  BOOST_DESCRIBE_STRUCT(T, (), ())
LC_EMPTY_MESSAGE(Start)
LC_EMPTY_MESSAGE(Stop)
LC_EMPTY_MESSAGE(Pause)
LC_EMPTY_MESSAGE(Resume)
LC_EMPTY_MESSAGE(Ack)
LC_EMPTY_MESSAGE(Nak)
LC_EMPTY_MESSAGE(Ping)
LC_EMPTY_MESSAGE(Enquiry)
LC_EMPTY_MESSAGE(Discover)
LC_EMPTY_MESSAGE(Inspect)
LC_EMPTY_MESSAGE(Ready)
LC_EMPTY_MESSAGE(NotReady)
LC_EMPTY_MESSAGE(T1)
LC_EMPTY_MESSAGE(T2)
LC_EMPTY_MESSAGE(T3)
LC_EMPTY_MESSAGE(T4)
#undef LC_EMPTY_MESSAGE

// A child's completion value, sent to its parent from the child's (now dead) address.
struct Returned {
  lc::message message;
};
BOOST_DESCRIBE_STRUCT(Returned, (), (message))

struct Anything {
  lc::message thing;
};
BOOST_DESCRIBE_STRUCT(Anything, (), (thing))

struct Aborted : Faulted {
  Aborted() : Faulted("aborted", "user or software interrupt") {}
};
BOOST_DESCRIBE_STRUCT(Aborted, (Faulted), ())

struct TimedOut : Faulted {
  lc::message timer;
  TimedOut() : Faulted("timed out", "\"ding\" exceeded") {}
  explicit TimedOut(lc::message timer_value)
      : Faulted("timed out", "\"" + (timer_value ? timer_value.type_name() : std::string("ding")) + "\" exceeded"),
        timer(std::move(timer_value)) {}
};
// The reference writes `timer` before the Faulted members, so the order is spelled out here.
BOOST_DESCRIBE_STRUCT(TimedOut, (), (timer, condition, explanation, error_code, exit_status))

#define LC_FAULT_KIND(T)                                                    \
  struct T : Faulted {                                                      \
    using Faulted::Faulted;                                                 \
    T() = default;                                                          \
  };                                                                        \
  BOOST_DESCRIBE_STRUCT(T, (Faulted), ())
LC_FAULT_KIND(Busy)
LC_FAULT_KIND(Overloaded)
LC_FAULT_KIND(OutOfService)
LC_FAULT_KIND(ToBeConfirmed)
#undef LC_FAULT_KIND

struct TemporarilyUnavailable : Faulted {
  std::vector<std::string> unavailable;
  using Faulted::Faulted;
  TemporarilyUnavailable() = default;
};
BOOST_DESCRIBE_STRUCT(TemporarilyUnavailable, (Faulted), (unavailable))

// An Any whose signature is not registered here: kept as its JSON text (compact, as the
// reference re-encodes it) and written back unchanged, so it can be forwarded. From a frame it
// also keeps the frame's address book: the addresses in `word` are its keys, and forwarding it
// puts them in the outgoing book, as the reference does.
struct Incognito {
  std::string type_name;  // the unknown signature, e.g. "nowhere.Thing"
  std::string word;       // the value's JSON text, e.g. {"a":1}
  std::vector<std::pair<std::string, address>> address_book;  // not on the wire as a member
};
BOOST_DESCRIBE_STRUCT(Incognito, (), (type_name, word))

struct HostPort {
  std::string host = "127.0.0.1";
  std::int64_t port = 0;
  friend bool operator==(const HostPort&, const HostPort&) = default;
};
BOOST_DESCRIBE_STRUCT(HostPort, (), (host, port))

}  // namespace lc

LC_MESSAGE(lc::Start, "layer_cake.point_runtime.Start")
LC_MESSAGE(lc::Stop, "layer_cake.point_runtime.Stop")
LC_MESSAGE(lc::Pause, "layer_cake.point_runtime.Pause")
LC_MESSAGE(lc::Resume, "layer_cake.point_runtime.Resume")
LC_MESSAGE(lc::Ack, "layer_cake.point_runtime.Ack")
LC_MESSAGE(lc::Nak, "layer_cake.point_runtime.Nak")
LC_MESSAGE(lc::Ping, "layer_cake.point_runtime.Ping")
LC_MESSAGE(lc::Enquiry, "layer_cake.point_runtime.Enquiry")
LC_MESSAGE(lc::Discover, "layer_cake.point_runtime.Discover")
LC_MESSAGE(lc::Inspect, "layer_cake.point_runtime.Inspect")
LC_MESSAGE(lc::Ready, "layer_cake.point_runtime.Ready")
LC_MESSAGE(lc::NotReady, "layer_cake.point_runtime.NotReady")
LC_MESSAGE(lc::T1, "layer_cake.point_runtime.T1")
LC_MESSAGE(lc::T2, "layer_cake.point_runtime.T2")
LC_MESSAGE(lc::T3, "layer_cake.point_runtime.T3")
LC_MESSAGE(lc::T4, "layer_cake.point_runtime.T4")
LC_MESSAGE(lc::Returned, "layer_cake.point_runtime.Returned")
LC_MESSAGE(lc::Anything, "layer_cake.point_runtime.Anything")
LC_MESSAGE(lc::Faulted, "layer_cake.point_runtime.Faulted")
LC_MESSAGE(lc::Aborted, "layer_cake.point_runtime.Aborted")
LC_MESSAGE(lc::TimedOut, "layer_cake.point_runtime.TimedOut")
LC_MESSAGE(lc::Busy, "layer_cake.point_runtime.Busy")
LC_MESSAGE(lc::Overloaded, "layer_cake.point_runtime.Overloaded")
LC_MESSAGE(lc::OutOfService, "layer_cake.point_runtime.OutOfService")
LC_MESSAGE(lc::ToBeConfirmed, "layer_cake.point_runtime.ToBeConfirmed")
LC_MESSAGE(lc::TemporarilyUnavailable, "layer_cake.point_runtime.TemporarilyUnavailable")
LC_MESSAGE(lc::Incognito, "layer_cake.message_memory.Incognito")
LC_MESSAGE(lc::HostPort, "layer_cake.ip_networking.HostPort")
