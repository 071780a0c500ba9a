// Subscribes at HOST scope, greets each publisher that becomes available, and says on stderr what
// it hears.
#include <iostream>

#include "greeting.hpp"
#include "lc/lc.hpp"

namespace {

lc::message subscriber(lc::channel& self, const multihost_test::listing_settings& settings) {
  lc::subscribe(self, settings.name, lc::ScopeOfDirectory::HOST);
  for (;;) {
    lc::message m = self.input();
    if (m.get<lc::Stop>()) return lc::Aborted{};
    if (m.get<lc::Subscribed>()) std::cerr << "subscriber: subscribed\n";
    else if (auto* a = m.get<lc::Available>()) {
      std::cerr << "subscriber: available " << boost::describe::enum_to_string(a->scope, "?") << "\n";
      self.send(multihost_test::Greeting{"hello"}, self.return_address());
    } else if (auto* r = m.get<multihost_test::GreetingReply>()) std::cerr << "subscriber: reply " << r->text << "\n";
    else if (m.get<lc::Dropped>()) std::cerr << "subscriber: dropped\n";
  }
}

}  // namespace

LC_MAIN(subscriber)
