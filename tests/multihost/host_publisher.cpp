// Publishes a name at HOST scope, answers each Greeting, and says on stderr what it hears.
#include <iostream>

#include "greeting.hpp"
#include "lc/lc.hpp"

namespace {

lc::message publisher(lc::channel& self, const multihost_test::listing_settings& settings) {
  lc::publish(self, settings.name, lc::ScopeOfDirectory::HOST);
  lc::Published listing;
  for (;;) {
    lc::message m = self.input();
    if (m.get<lc::Stop>()) return lc::Aborted{};
    if (auto* p = m.get<lc::Published>()) {
      listing = *p;
      std::cerr << "publisher: published\n";
    } else if (m.get<lc::PublishedCleared>()) std::cerr << "publisher: cleared\n";
    else if (auto* d = m.get<lc::Delivered>())
      std::cerr << "publisher: delivered " << boost::describe::enum_to_string(d->scope, "?") << "\n";
    else if (m.get<lc::Dropped>()) std::cerr << "publisher: dropped\n";
    else if (auto* g = m.get<multihost_test::Greeting>()) {
      self.reply(multihost_test::GreetingReply{g->text + " back"});
      if (settings.clear_after) lc::clear_published(self, listing);
    }
  }
}

}  // namespace

LC_MAIN(publisher)
