// Subscribes at HOST scope, greets each publisher that becomes available, and says on stderr what
// it hears.
#include <iostream>

#include "greeting.hpp"
#include "lc/lc.hpp"

namespace {

lc::message subscriber(lc::channel& self, const multihost_test::listing_settings& settings) {
  lc::subscribe(self, settings.name, lc::ScopeOfDirectory::HOST);
  lc::Subscribed listing;
  for (;;) {
    lc::message m = self.input();
    if (m.get<lc::Stop>()) return lc::Aborted{};
    if (auto* s = m.get<lc::Subscribed>()) {
      listing = *s;
      std::cerr << "subscriber: subscribed\n";
    } else if (m.get<lc::SubscribedCleared>()) std::cerr << "subscriber: cleared\n";
    else if (auto* a = m.get<lc::Available>()) {
      std::cerr << "subscriber: available " << boost::describe::enum_to_string(a->scope, "?") << "\n";
      self.send(multihost_test::Greeting{"hello"}, self.return_address());
    } else if (auto* r = m.get<multihost_test::GreetingReply>()) {
      std::cerr << "subscriber: reply " << r->text << "\n";
      if (settings.clear_after) lc::clear_subscribed(self, listing);
    }
    else if (m.get<lc::Dropped>()) std::cerr << "subscriber: dropped\n";
  }
}

}  // namespace

LC_MAIN(subscriber)
