// group-cake: the composite process, as the reference's script. Every role of a home (or those
// whose names a search matches from the start) runs as a child, told where the group's directory
// listens (GROUP scope, so the roles find each other); a role that ends is restarted
// per --retry; the run ends when every role has ended (their values, by role), when --main-role
// ends (its value), on a fault, or on SIGINT (Aborted, every role stopped first).
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>

#include "home_listing.hpp"
#include "lc/lc.hpp"

namespace {

struct group_settings {
  std::optional<lc::HostPort> directory_at_host;  // the directory above the group's; else this,
  std::optional<lc::HostPort> directory_at_lan;   // else host-cake's once a listing is wider than GROUP
  std::optional<bool> encrypted_directory;        // accepted; not implemented yet
  std::optional<lc::RetryIntervals> retry;
  std::optional<std::string> main_role;
  std::vector<std::string> search;  // the words of the command line
  static constexpr auto positional_words = &group_settings::search;
};
BOOST_DESCRIBE_STRUCT(group_settings, (), (directory_at_host, directory_at_lan, encrypted_directory, retry, main_role))

using role_values = lc::ordered_map<std::string, lc::message>;

// A restart waiting for its Delay, as the context of that Delay.
struct restart {
  std::string role;
};

// The roles the searches match, or the Faulted.
lc::message select_roles(const group_settings& settings, const std::string& home, lc::tools::home_roles& roles) {
  std::vector<std::regex> searches;
  for (const auto& s : settings.search) {
    try {
      searches.push_back(lc::tools::compile_searches({s}).front());
    } catch (const std::regex_error& e) {
      return lc::Faulted("cannot compile search \"" + s + "\"", e.what());
    }
  }
  if (!searches.empty()) {
    lc::tools::keep_matching(roles, searches);
    if (roles.empty()) return lc::Faulted("No roles matching \"" + lc::tools::joined(settings.search) + "\"");
  } else if (roles.empty()) {
    return lc::Faulted("No roles at location \"" + home + "\"");
  }
  return {};
}

class group_run {
 public:
  group_run(lc::channel& self, const group_settings& settings, std::string home)
      : self_(self), settings_(settings), home_(std::move(home)) {}

  // The GROUP directory the roles find each other through; its Listening, or what refused it.
  lc::message open_directory() {
    auto above = settings_.directory_at_host ? settings_.directory_at_host : settings_.directory_at_lan;
    self_.create(lc::group_directory, self_.self_address(), above);
    auto m = self_.select<lc::Listening, lc::NotListening, lc::Stop>().m;
    if (auto* listening = m.get<lc::Listening>()) {
      directory_ = "--connect-to-directory=" + *lc::encode_setting(listening->listening_ipp);
      return {};
    }
    if (m.get<lc::Stop>()) return lc::Aborted{};
    auto* refused = m.get<lc::NotListening>();
    return lc::Faulted("cannot open the group directory", refused ? refused->to_string() : m.type_name());
  }

  void start(const std::string& role, const std::string& executable) {
    executables_[role] = executable;
    self_.assign(self_.create<lc::ProcessObject>(lc::process_role{executable, home_, role, {directory_}}), role);
  }

  lc::message run() {
    for (;;) {
      auto m = self_.input();
      if (auto* returned = m.get<lc::Returned>()) {
        if (auto done = on_returned(*returned)) return *done;
      } else if (m.get<lc::Faulted>() || m.get<lc::Stop>()) {
        lc::message value = m.get<lc::Stop>() ? lc::message(lc::Aborted{}) : m;
        if (!ending_) {
          if (self_.working() == 0) return value;
          end_with(value);
        }
      }
    }
  }

 private:
  std::optional<lc::message> on_returned(const lc::Returned& returned) {
    auto context = self_.debrief();
    if (!context) return std::nullopt;
    if (auto* waited = std::any_cast<restart>(&*context)) {
      if (!ending_ && !returned.message.get<lc::Aborted>()) start(waited->role, executables_[waited->role]);
      return finished_if_idle();
    }
    auto role = std::any_cast<std::string>(*context);
    if (ending_) {
      if (collecting_) values_.insert_or_assign(role, returned.message);
      return finished_if_idle();
    }
    if (settings_.main_role && role == *settings_.main_role) {  // its value ends the run: no retries
      if (self_.working() == 0) return returned.message;
      end_with(returned.message);
      return std::nullopt;
    }
    values_.insert_or_assign(role, returned.message);
    if (auto seconds = next_delay(role)) {
      self_.trace("Restart \"" + role + "\" (" + std::to_string(*seconds) + " seconds)");
      self_.assign(self_.create<lc::Delay>(*seconds), restart{role});
      return std::nullopt;
    }
    if (self_.working() == 0) return lc::message(values_);
    if (!settings_.main_role) {  // without a main role, the first role to end for good ends them all
      collecting_ = true;
      end_with(lc::message(values_));
    }
    return std::nullopt;
  }

  std::optional<double> next_delay(const std::string& role) {
    if (!settings_.retry) return std::nullopt;
    auto found = schedules_.try_emplace(role, *settings_.retry).first;
    return found->second.next();
  }

  void end_with(lc::message value) {
    ending_ = true;
    ending_value_ = std::move(value);
    self_.abort();
  }

  std::optional<lc::message> finished_if_idle() {
    if (self_.working() > 0) return std::nullopt;
    if (!ending_) return lc::message(values_);
    return collecting_ ? lc::message(values_) : ending_value_;
  }

  lc::channel& self_;
  const group_settings& settings_;
  std::string home_;
  std::string directory_;  // the argument that gives each role the group directory
  std::map<std::string, std::string> executables_;
  std::map<std::string, lc::retry_schedule> schedules_;
  role_values values_;
  bool ending_ = false;
  bool collecting_ = false;  // ending, and the values of every role are the result
  lc::message ending_value_;
};

lc::message group(lc::channel& self, const group_settings& settings) {
  auto home = std::filesystem::absolute(lc::process_flags().home_path.value_or(".layer-cake")).lexically_normal().string();
  if (!settings.search.empty()) self.trace("Search \"" + lc::tools::joined(settings.search) + "\"");
  auto roles = lc::tools::open_home(home);
  if (!roles) return lc::Faulted("cannot open path \"" + home + "\"");
  if (auto refused = select_roles(settings, home, *roles)) return refused;
  group_run run(self, settings, home);
  if (auto refused = run.open_directory()) return refused;
  for (const auto& [role, executable] : *roles) run.start(role, executable);
  return run.run();
}

}  // namespace

LC_MAIN(group)
