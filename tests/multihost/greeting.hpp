#pragma once
// The request and the reply the HOST-scope test processes exchange.
#include <string>

#include "lc/message.hpp"

namespace multihost_test {

struct Greeting {
  std::string text;
};
BOOST_DESCRIBE_STRUCT(Greeting, (), (text))

struct GreetingReply {
  std::string text;
};
BOOST_DESCRIBE_STRUCT(GreetingReply, (), (text))

struct listing_settings {
  std::string name = "test-host:worker";
  bool clear_after = false;  // withdraw the listing after the first exchange
};
BOOST_DESCRIBE_STRUCT(listing_settings, (), (name, clear_after))

}  // namespace multihost_test

LC_MESSAGE(multihost_test::Greeting, "test.multihost.Greeting")
LC_MESSAGE(multihost_test::GreetingReply, "test.multihost.GreetingReply")
