#pragma once
// The sub-commands of layer-cake, as the reference's script has them, and what they share.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "home_listing.hpp"
#include "lc/command_response.hpp"
#include "lc/lc.hpp"

namespace lc::tools {

// A sub-command's words (after its name) and the flags the standard ones left.
struct command_input {
  std::string name;
  std::vector<std::string> words;
  std::vector<std::string> flags;
};

// The home and its roles.
message create(channel& self, const command_input& in);
message add(channel& self, const command_input& in);
message list(channel& self, const command_input& in);
message update(channel& self, const command_input& in);
message delete_roles(channel& self, const command_input& in);
message destroy(channel& self, const command_input& in);
message edit(channel& self, const command_input& in);  // with $LC_EDITOR, on this terminal
// Running the roles, through group-cake.
message run(channel& self, const command_input& in);
message start(channel& self, const command_input& in);
message stop(channel& self, const command_input& in);
message status(channel& self, const command_input& in);
// What they did.
message history(channel& self, const command_input& in);
message returned(channel& self, const command_input& in);
message log(channel& self, const command_input& in);
// The directory tree: its processes and listings, and the time to one directory and back.
message network(channel& self, const command_input& in);
message ping(channel& self, const command_input& in);

inline constexpr const char* group_role = "group";
inline constexpr const char* group_executable = "group-cake";

// --home-path, else the reference's ".layer-cake", made absolute.
std::filesystem::path home_path(const std::vector<std::string>& words = {}, std::size_t word = ~std::size_t{0});
std::string in_quotes(const std::string& text);
std::string word_at(const std::vector<std::string>& words, std::size_t i);

// The sub-command's own flags (a described struct with a `remainder` member for the others).
// Throws settings_error.
template <class S>
S flags_of(const command_input& in) {
  command_line ignored;
  return decode_settings<S>(in.flags, ignored);
}
// The flags of a sub-command that takes none of its own: the rest, to pass on or refuse.
struct only_remainder {
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &only_remainder::remainder;
};
BOOST_DESCRIBE_STRUCT(only_remainder, (), ())

// list and status: which roles, and how much of each.
struct listing_flags {
  bool long_listing = false;
  bool group_role = false;
  bool sub_roles = false;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &listing_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(listing_flags, (), (long_listing, group_role, sub_roles))

// The reference's refusal of flags a sub-command does not take.
message unknown_flags(const command_input& in, const std::vector<std::string>& remainder);

// The roles of the home that the searches match; empty message, or the reference's Faulted.
message select_roles(const std::filesystem::path& home, const std::vector<std::string>& search, bool grouping,
                     bool sub_roles, home_roles& roles);
std::string names_of(const home_roles& roles);

// Runs a role's executable with a role command (--create-role, --update-role ...) and returns
// the Faulted, or nothing when it answered with a CommandResponse.
message role_command(channel& self, const std::string& executable, const std::filesystem::path& home,
                     const std::string& role, std::vector<std::string> arguments, const std::string& cannot);
// Waits for the one (assigned) child of `self`: its value, or Aborted after a Stop (the child
// stopped first).
message await_child(channel& self);

// A role's runs as its start_stop record keeps them, oldest first.
struct run_record {
  world_time start;
  std::optional<world_time> stop;
  boost::json::value returned;  // [type, value, pointers], as the codec writes a message
};
// Throws what reading or parsing throws.
std::vector<run_record> records_of(const std::filesystem::path& role);

// The reference's short form of a span: "2h3m", "5m4.1s", "3.0s".
std::string short_delta(double seconds);

}  // namespace lc::tools
