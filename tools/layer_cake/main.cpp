// layer-cake: the command line over a home of roles, as the reference's script. The first word
// names the sub-command; the standard flags (--home-path, --role-name ...) go before or after it.
#include <map>

#include "commands.hpp"

namespace {

struct layer_cake_settings {
  std::vector<std::string> words;
  std::vector<std::string> flags;
  static constexpr auto positional_words = &layer_cake_settings::words;
  static constexpr auto remainder_flags = &layer_cake_settings::flags;
};
BOOST_DESCRIBE_STRUCT(layer_cake_settings, (), ())

// What group-cake returns (every role's value by role), so `run` prints it as a table.
LC_TYPE(lc::ordered_map<std::string, lc::message>)

using command = lc::message (*)(lc::channel&, const lc::tools::command_input&);

const std::map<std::string, command>& commands() {
  namespace t = lc::tools;
  static const std::map<std::string, command> table{
      {"create", t::create}, {"add", t::add},          {"list", t::list},       {"update", t::update},
      {"delete", t::delete_roles}, {"destroy", t::destroy}, {"run", t::run},    {"start", t::start},
      {"stop", t::stop},     {"status", t::status},    {"history", t::history}, {"returned", t::returned},
      {"log", t::log},       {"edit", t::edit},        {"network", t::network}, {"ping", t::ping}};
  return table;
}

lc::message layer_cake(lc::channel& self, const layer_cake_settings& settings) {
  if (settings.words.empty()) return lc::Faulted("no sub-command");
  auto found = commands().find(settings.words.front());
  if (found == commands().end()) return lc::Faulted("unknown sub-command \"" + settings.words.front() + "\"");
  lc::tools::command_input in{found->first, {settings.words.begin() + 1, settings.words.end()}, settings.flags};
  try {
    return found->second(self, in);
  } catch (const lc::settings_error& e) {
    return lc::Faulted("cannot execute \"" + in.name + "\"", e.what());
  }
}

}  // namespace

LC_MAIN(layer_cake)
