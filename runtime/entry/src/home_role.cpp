#include "home_role.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>

#include "lc/codec.hpp"
#include "lc/file.hpp"
#include "lc/folder.hpp"
#include "lc/time_values.hpp"
#include "lc/uuid.hpp"

namespace lc::detail {

namespace {

namespace fs = std::filesystem;

constexpr std::int64_t default_log_storage = 256 * 1024 * 1024;

// The parent of `pid`, from /proc/<pid>/stat (0 when it cannot be read).
pid_t parent_of(pid_t pid) {
  auto text = read_file("/proc/" + std::to_string(pid) + "/stat").value_or("");
  auto close = text.rfind(')');  // the name in parentheses may hold spaces
  if (close == std::string::npos) return 0;
  char state = 0;
  int parent = 0;
  if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &parent) != 2) return 0;
  return parent;
}

bool is_our_ancestor(std::int64_t pid) {
  for (pid_t p = ::getppid(); p > 1; p = parent_of(p))
    if (p == pid) return true;
  return false;
}
constexpr std::size_t start_stops_kept = 16;

fs::path file_of(const home_role& role, std::string_view name) { return role.folder / (std::string(name) + ".json"); }

// The text File stores for {"value": <compact>}.
void store_value(const fs::path& name, const std::string& compact) {
  replace_file(name, pretty_json("{\"value\":" + compact + "}", 4, key_order::sorted));
}

boost::json::value recover_value(const fs::path& name) {
  auto text = read_file(name);
  if (!text) throw file_failure("recover", name, "No such file or directory");
  try {
    auto document = boost::json::parse(*text);
    if (const auto* value = document.is_object() ? document.get_object().if_contains("value") : nullptr) return *value;
    if (document.is_array()) return document;  // as --dump-role prints it
  } catch (const std::exception& e) {
    throw file_failure("recover", name, e.what());
  }
  throw file_failure("recover", name, "no value");
}

const setting_field* field_named(const settings_schema& schema, std::string_view name) {
  auto found = std::find_if(schema.begin(), schema.end(), [&](const setting_field& f) { return f.name == name; });
  return found == schema.end() ? nullptr : &*found;
}

std::string now_text() {
  world_time now{std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()), {}};
  std::string text;
  encode_context ctx;
  encode_value(now, text, ctx);
  return text;
}

// The entries of start_stop.json. They are written back as Boost.JSON writes them: a float may be
// re-spelt (0.25 as 2.5E-1), the same number.
boost::json::array start_stops(const home_role& role) {
  auto name = file_of(role, "start_stop");
  std::error_code ignored;
  if (!fs::exists(name, ignored)) return {};  // a role made by a process killed part way
  auto value = recover_value(name);
  if (auto* list = value.if_array()) return std::move(*list);
  return {};
}

void store_start_stops(const home_role& role, boost::json::array entries) {
  if (entries.size() > start_stops_kept) entries.erase(entries.begin(), entries.end() - start_stops_kept);
  store_value(file_of(role, "start_stop"), boost::json::serialize(entries));
}

}  // namespace

home_role role_of(const command_line& flags, std::string_view program) {
  home_role role;
  std::error_code ignored;
  role.home = fs::absolute(flags.home_path.value_or(".layer-cake"), ignored).lexically_normal();
  role.name = flags.role_name.value_or(std::string(program));
  role.folder = role.home / "role" / role.name;
  role.resource = role.home / "resource" / std::string(program);
  return role;
}

bool role_exists(const home_role& role) {
  std::error_code ignored;
  return fs::is_regular_file(file_of(role, "settings"), ignored);
}

void create_role(const home_role& role, const fs::path& executable, const settings_schema& schema,
                 const void* settings, const std::vector<std::string>& names) {
  Folder folder(role.folder);
  for (auto sub : {"model", "tmp", "logs", "lock"}) folder.folder(sub);
  Folder resource_folder(role.resource);
  folder.file<uuid>("unique_id").store(uuid::random());
  store_value(file_of(role, "start_stop"), "[]");
  folder.file<std::int64_t>("log_storage").store(default_log_storage);
  folder.file<std::string>("executable_file").store(executable.native());
  store_settings(role, schema, settings, names);  // last: the role exists once its settings do
}

std::vector<std::string> recover_settings(const home_role& role, const settings_schema& schema, void* settings,
                                          const std::vector<std::string>& keep) {
  return recover_settings_file(file_of(role, "settings"), schema, settings, keep);
}

fs::path settings_file(const home_role& role) { return file_of(role, "settings"); }

std::vector<std::string> recover_settings_file(const fs::path& name, const settings_schema& schema, void* settings,
                                               const std::vector<std::string>& keep) {
  auto value = recover_value(name);
  auto* pairs = value.if_array();
  if (pairs == nullptr) throw file_failure("recover", name, "not a list of settings");
  std::vector<std::string> names;
  for (const auto& pair : *pairs) {
    const auto* p = pair.if_array();
    const auto* triple = p && p->size() == 2 ? (*p)[1].if_array() : nullptr;
    if (triple == nullptr || !(*p)[0].is_string() || triple->size() != 3)
      throw file_failure("recover", name, "not a [name, [type, value, []]] pair");
    std::string setting((*p)[0].get_string());
    const setting_field* field = field_named(schema, setting);
    if (field == nullptr) throw file_failure("recover", name, "unknown setting \"" + setting + "\"");
    names.push_back(setting);
    if (std::find(keep.begin(), keep.end(), setting) != keep.end()) continue;
    try {
      field->recover(settings, (*triple)[1]);
    } catch (const codec_error& e) {
      throw file_failure("recover", name, "setting \"" + setting + "\": " + e.what());
    }
  }
  return names;
}

void store_settings(const home_role& role, const settings_schema& schema, const void* settings,
                    const std::vector<std::string>& names) {
  store_value(file_of(role, "settings"), settings_json(schema, settings, names));
}

std::string names_note(const std::vector<std::string>& names) {
  std::string note;
  for (const auto& n : names) note += (note.empty() ? "" : ",") + n;
  return note.empty() ? "empty" : note;
}

std::string settings_json(const settings_schema& schema, const void* settings, const std::vector<std::string>& names) {
  std::string list = "[";
  for (const auto& setting : names) {
    const setting_field* field = field_named(schema, setting);
    if (field == nullptr) continue;
    std::string signature;
    write_string(field->signature, signature);
    std::string key;
    write_string(setting, key);
    if (list.size() > 1) list += ',';
    list += "[" + key + ",[" + signature + "," + field->store(settings) + ",[]]]";
  }
  return list + "]";
}

std::optional<Faulted> lock_role(const home_role& role) {
  Folder folder(role.folder / "lock");
  auto head = folder.path() / "head";
  int fd = ::open(head.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw file_failure("lock", head, std::strerror(errno));
  if (::lockf(fd, F_TLOCK, 0) != 0) {
    int error = errno;
    ::close(fd);
    if (error != EACCES && error != EAGAIN) throw file_failure("lock", head, std::strerror(error));
    std::string holder = "locked out and missing details";
    try {
      auto who = recover_value(folder.path() / "head.json");
      // The reference's `layer-cake run` holds its roles' locks while their group runs them.
      if (auto* pid = who.as_object().if_contains("pid"); pid && pid->is_int64() && is_our_ancestor(pid->as_int64()))
        return std::nullopt;
      holder = "locked out of \"" + head.native() + "\" by <" + boost::json::serialize(who.at("pid")) + ">(" +
               boost::json::serialize(who.at("parent_pid")) + ")";
    } catch (const std::exception&) {
    }
    return Faulted("role " + folder.path().native() + " is running", holder);
  }
  std::string path;
  write_string(head.native(), path);
  store_value(folder.path() / "head.json", "{\"path\":" + path + ",\"pid\":" + std::to_string(::getpid()) +
                                               ",\"parent_pid\":" + std::to_string(::getppid()) + "}");
  return std::nullopt;  // the descriptor stays open: the lock lasts as long as the process
}

std::int64_t log_storage_of(const home_role& role) {
  auto file = Folder(role.folder).file<std::int64_t>("log_storage");
  std::error_code ignored;
  if (!fs::exists(file.full_name(), ignored)) return default_log_storage;
  auto bytes = file.recover();
  if (bytes < 0) throw file_failure("recover", file.full_name(), "not a size in bytes");
  return bytes;
}

void delete_role(const home_role& role) {
  std::error_code error;
  fs::remove_all(role.folder, error);
  if (error) throw file_failure("delete", role.folder, error.message());
}

void record_start(const home_role& role) {
  auto entries = start_stops(role);
  entries.push_back(boost::json::object{{"start", boost::json::parse(now_text())}, {"stop", nullptr}, {"returned", nullptr}});
  store_start_stops(role, std::move(entries));
}

void record_stop(const home_role& role, const message& returned) {
  auto entries = start_stops(role);
  if (entries.empty() || !entries.back().is_object()) return;
  auto& last = entries.back().get_object();
  last["stop"] = boost::json::parse(now_text());
  last["returned"] = returned ? boost::json::parse(encode_any(returned)).at("value") : boost::json::value(nullptr);
  store_start_stops(role, std::move(entries));
}

}  // namespace lc::detail
