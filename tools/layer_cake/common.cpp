#include <cmath>

#include "commands.hpp"
#include "lc/file_io.hpp"

namespace lc::tools {

std::filesystem::path home_path(const std::vector<std::string>& words, std::size_t word) {
  std::string path = word_at(words, word);
  if (path.empty()) path = process_flags().home_path.value_or(".layer-cake");
  return std::filesystem::absolute(path).lexically_normal();
}

std::string in_quotes(const std::string& text) { return "\"" + text + "\""; }

std::string word_at(const std::vector<std::string>& words, std::size_t i) {
  return i < words.size() ? words[i] : std::string();
}

message unknown_flags(const command_input& in, const std::vector<std::string>& remainder) {
  std::vector<std::string> names;
  for (auto name : remainder) names.push_back(name.substr(name.find_first_not_of('-')));
  return Faulted("cannot execute " + in_quotes(in.name), "unknown arg(s) " + in_quotes(joined(names, ",")));
}

std::string names_of(const home_roles& roles) {
  std::vector<std::string> names;
  for (const auto& [name, executable] : roles) names.push_back(name);
  return joined(names, ",");
}

message select_roles(const std::filesystem::path& home, const std::vector<std::string>& search, bool grouping,
                     bool sub_roles, home_roles& roles) {
  auto cannot = "cannot list " + in_quotes(home.string());
  auto opened = open_home(home, grouping, sub_roles);
  if (!opened) return Faulted(cannot + " (does not exist or contains unexpected/incomplete materials)");
  roles = std::move(*opened);
  if (search.empty()) return {};
  try {
    keep_matching(roles, compile_searches(search));
  } catch (const std::regex_error& e) {
    return Faulted(cannot, e.what());
  }
  if (roles.empty()) return Faulted(cannot, "no roles matching " + in_quotes(joined(search)));
  return {};
}

message await_child(channel& self) {
  bool stopped = false;
  for (;;) {
    auto m = self.input();
    if (auto* returned = m.get<Returned>()) {
      self.debrief();
      return stopped ? message(Aborted{}) : returned->message;
    }
    if (m.get<Stop>() && !stopped) {
      stopped = true;
      self.abort();
    }
  }
}

message role_command(channel& self, const std::string& executable, const std::filesystem::path& home,
                     const std::string& role, std::vector<std::string> arguments, const std::string& cannot) {
  self.assign(self.create<ProcessObject>(process_role{executable, home.string(), role, std::move(arguments)}), role);
  auto answer = await_child(self);
  if (answer.faulted()) return answer;
  if (!answer.get<CommandResponse>()) return Faulted(cannot, "unexpected command response " + answer.type_name());
  return {};
}

std::vector<run_record> records_of(const std::filesystem::path& role) {
  std::vector<run_record> records;
  auto text = lc::detail::read_file(role / "start_stop.json");
  if (!text) return records;
  auto document = boost::json::parse(*text);
  for (const auto& entry : document.at("value").as_array()) {
    const auto& e = entry.as_object();
    run_record r{world_from_text(std::string(e.at("start").as_string())), std::nullopt, nullptr};
    if (const auto* stop = e.if_contains("stop"); stop && stop->is_string())
      r.stop = world_from_text(std::string(stop->as_string()));
    if (const auto* returned = e.if_contains("returned")) r.returned = *returned;
    records.push_back(std::move(r));
  }
  return records;
}

std::string short_delta(double seconds) {
  auto t = span_to_text(time_span(seconds));
  auto cut_after = [&](char unit, char next) {
    auto j = t.find(next);
    return j != std::string::npos ? t.substr(0, j + 1) : t.substr(0, t.find(unit) + 1);
  };
  if (t.find('d') != std::string::npos) return cut_after('d', 'h');
  if (t.find('h') != std::string::npos) return cut_after('h', 'm');
  auto dot = t.find('.');
  if (dot == std::string::npos) return t;
  auto s = t.find('s', dot);
  if (s == std::string::npos) return t.substr(0, dot + 1) + 's';
  return t.substr(0, dot + 1 + std::min<std::size_t>(1, s - dot - 1)) + 's';
}

}  // namespace lc::tools
