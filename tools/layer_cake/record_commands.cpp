// history, returned: what a role's runs did, from its start_stop record.
#include <iostream>

#include <boost/json.hpp>

#include "commands.hpp"
#include "lc/type_record.hpp"

namespace lc::tools {

// The reference's wrapper for a Faulted that a role returned: that value is what was asked for,
// so `returned` succeeds (exit 0) and prints it as {"fault": ...}.
struct NoFault {
  message fault;
};
BOOST_DESCRIBE_STRUCT(NoFault, (), (fault))

}  // namespace lc::tools

LC_MESSAGE(lc::tools::NoFault, "layer_cake.NoFault")

namespace lc::tools {

namespace fs = std::filesystem;

namespace {

struct history_flags {
  bool long_listing = false;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &history_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(history_flags, (), (long_listing))

struct returned_flags {
  std::optional<std::int64_t> start;
  std::optional<double> timeout;
  std::vector<std::string> remainder;
  static constexpr auto remainder_flags = &returned_flags::remainder;
};
BOOST_DESCRIBE_STRUCT(returned_flags, (), (start, timeout))

// The reference prints the class name of a type it knows (the last part of its name) and the
// whole name of one it does not.
std::string class_of(const boost::json::value& returned) {
  if (!returned.is_array() || returned.as_array().empty() || !returned.as_array()[0].is_string()) return "None";
  std::string type(returned.as_array()[0].as_string());
  auto dot = type.rfind('.');
  if (!find_type(type) || dot == std::string::npos) return type;
  return type.substr(dot + 1);
}

double seconds_between(const world_time& from, const world_time& to) {
  return std::chrono::duration<double>(to.utc - from.utc).count();
}

world_time now() {
  return {std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()), {}};
}

// The role a record command names, or the Faulted; `fallback` when no word or --role-name names one.
message role_folder(const command_input& in, const std::string& what, const std::string& fallback, std::string& role,
                    fs::path& folder) {
  role = word_at(in.words, 0);
  if (role.empty()) role = process_flags().role_name.value_or(fallback);
  if (role.empty()) return Faulted("cannot pull " + what, "no role specified");
  auto home = home_path();
  auto cannot = "cannot pull " + what + " for " + in_quotes(role);
  auto roles = open_home(home, true, true);
  if (!roles)
    return Faulted(cannot, "home at " + in_quotes(home.string()) + " does not exist or contains unexpected/incomplete materials");
  if (!roles->contains(role)) return Faulted(cannot, "does not exist");
  folder = home / "role" / role;
  return {};
}

message value_of(const run_record& r) {
  if (r.returned.is_null()) return {};
  auto value = decode_any(boost::json::serialize(boost::json::object{{"value", r.returned}}));
  if (value.faulted()) return NoFault{value};
  return value;
}

}  // namespace

message history(channel& self, const command_input& in) {
  auto flags = flags_of<history_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  std::string role;
  fs::path folder;
  if (auto refused = role_folder(in, "history", "", role, folder)) return refused;
  self.console("history (role_name=" + role + ")");
  std::vector<run_record> records;
  try {
    records = records_of(folder);
  } catch (const std::exception& e) {
    return Faulted("cannot pull history for " + in_quotes(role), e.what());
  }
  auto at = now();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    if (flags.long_listing) {
      std::cout << world_to_text(r.start) << " ... ";
      if (!r.stop) std::cout << "?\n";
      else std::cout << world_to_text(*r.stop) << " (" << short_delta(seconds_between(r.start, *r.stop)) << ") "
                     << class_of(r.returned) << '\n';
      continue;
    }
    std::cout << '[' << i << "] " << short_delta(seconds_between(r.start, at)) << " ago ... ";
    if (!r.stop) std::cout << "?\n";
    else std::cout << short_delta(seconds_between(r.start, *r.stop)) << " (" << class_of(r.returned) << ")\n";
  }
  return {};
}

message returned(channel& self, const command_input& in) {
  auto flags = flags_of<returned_flags>(in);
  if (!flags.remainder.empty()) return unknown_flags(in, flags.remainder);
  std::string role;
  fs::path folder;
  if (auto refused = role_folder(in, "return", group_role, role, folder)) return refused;
  auto cannot = "cannot pull return for " + in_quotes(role);
  self.console("returned (role_name=" + role + ")");
  auto began = std::chrono::steady_clock::now();
  auto left = [&] {  // seconds until --timeout, if one was given
    return flags.timeout ? *flags.timeout - std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()
                         : 1.0;
  };
  std::optional<world_time> anchor;
  std::int64_t row = 0;
  for (;;) {
    std::vector<run_record> records;
    try {
      records = records_of(folder);
    } catch (const std::exception& e) {
      return Faulted(cannot, e.what());
    }
    if (!anchor) {
      if (records.empty()) return Faulted(cannot, "no start/stop records");
      auto last = static_cast<std::int64_t>(records.size()) - 1;
      row = !flags.start ? last : *flags.start < 0 ? last + 1 + *flags.start : *flags.start;
      if (row < 0 || row > last) return Faulted(cannot, "start [" + std::to_string(row) + "] out of bounds");
      anchor = records[row].start;
      if (!records[row].stop && row != last)
        return Faulted(cannot, "no record of role[" + std::to_string(row) + "] stopping and never will be");
    } else if (static_cast<std::int64_t>(records.size()) <= row || !(records[row].start == *anchor)) {
      return Faulted(cannot, "lost original start position");
    }
    if (records[row].stop) return value_of(records[row]);
    if (left() <= 0) return TimedOut{};
    if (self.input(std::min(1.0, left()))) return Aborted{};
  }
}

}  // namespace lc::tools
