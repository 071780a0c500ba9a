// Publishes a name at HOST scope, answers each Greeting, and says on stderr what it hears.
#include <iostream>

#include "greeting.hpp"
#include "lc/lc.hpp"

namespace {

lc::message publisher(lc::channel& self, const multihost_test::listing_settings& settings) {
  lc::publish(self, settings.name, lc::ScopeOfDirectory::HOST);
  for (;;) {
    lc::message m = self.input();
    if (m.get<lc::Stop>()) return lc::Aborted{};
    if (m.get<lc::Published>()) std::cerr << "publisher: published\n";
    else if (auto* d = m.get<lc::Delivered>())
      std::cerr << "publisher: delivered " << boost::describe::enum_to_string(d->scope, "?") << "\n";
    else if (m.get<lc::Dropped>()) std::cerr << "publisher: dropped\n";
    else if (auto* g = m.get<multihost_test::Greeting>()) self.reply(multihost_test::GreetingReply{g->text + " back"});
  }
}

}  // namespace

LC_MAIN(publisher)
