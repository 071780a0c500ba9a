#include <algorithm>
#include <cmath>
#include <map>

#include "lc/codec.hpp"
#include "lc/settings.hpp"

namespace lc::detail {

namespace {
// NaN and the infinities parse as numbers; no setting means them, and a duration made of one is undefined.
bool all_finite(const boost::json::value& v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (const auto* a = v.if_array()) return std::all_of(a->begin(), a->end(), [](const auto& e) { return all_finite(e); });
  if (const auto* o = v.if_object())
    return std::all_of(o->begin(), o->end(), [](const auto& e) { return all_finite(e.value()); });
  return true;
}
}  // namespace

// Wrapped as the reference wraps it, so a syntax error reads exactly as there:
// `--x=abc` -> cannot decode value for "x" (Expecting value: line 1 column 11 (char 10)).
boost::json::value parse_setting_json(std::string_view text, decode_context&) {
  auto document = parse_json("{\"value\": " + std::string(text) + " }");
  auto* value = document.is_object() ? document.get_object().if_contains("value") : nullptr;
  if (value == nullptr) throw codec_error("cannot decode (no value)");
  if (!all_finite(*value)) throw codec_error("cannot decode (not a finite number)");
  return *value;
}

namespace {

struct flag {
  std::string name;  // as typed, without the dashes
  std::optional<std::string> value;
};

// Flags in order of first appearance; a repeat replaces the value (the last one wins).
struct flags {
  std::vector<flag> long_form;
  std::vector<flag> short_form;
};

void put(std::vector<flag>& list, flag f) {
  auto found = std::find_if(list.begin(), list.end(), [&](const flag& g) { return g.name == f.name; });
  if (found == list.end()) list.push_back(std::move(f));
  else found->value = std::move(f.value);
}

flag split_flag(std::string_view text) {
  auto equals = text.find('=');
  if (equals == std::string_view::npos) return {std::string(text), std::nullopt};
  return {std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

std::string replace_all(std::string text, char from, char to) {
  std::replace(text.begin(), text.end(), from, to);
  return text;
}

std::string acronym(std::string_view name) {
  std::string letters;
  bool start = true;
  for (char c : name) {
    if (c == '_') { start = true; continue; }
    if (start) letters += c;
    start = false;
  }
  return letters;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) {
    if (!text.empty()) text += ", ";
    text += n;
  }
  return text;
}

// "cannot decode (why)" -> "cannot decode value for "k" (why)", as the reference words it.
[[noreturn]] void fail_value(const std::string& typed, const codec_error& e) {
  std::string text = e.what();
  constexpr std::string_view prefix = "cannot decode";
  if (text.compare(0, prefix.size(), prefix) == 0)
    text = "cannot decode value for \"" + typed + "\"" + text.substr(prefix.size());
  throw settings_error(text);
}

void decode_field(const setting_field& field, void* settings, const flag& f) {
  try {
    field.decode(settings, f.value);
  } catch (const codec_error& e) {
    fail_value(f.name, e);
  }
}

// Decodes the flags the schema knows; leaves the others in `remaining`. Returns the names decoded.
std::vector<std::string> extract(const settings_schema& schema, void* settings, flags& remaining) {
  std::map<std::string, std::vector<const setting_field*>> by_acronym;
  for (const auto& field : schema) by_acronym[acronym(field.name)].push_back(&field);
  auto find_long = [&](const std::string& name) -> const setting_field* {
    for (const auto& field : schema)
      if (field.name == name) return &field;
    return nullptr;
  };

  flags left;
  std::vector<std::string> decoded;
  for (const auto& f : remaining.long_form) {
    auto name = replace_all(f.name, '-', '_');
    const setting_field* field = find_long(name);
    if (field == nullptr) { left.long_form.push_back(f); continue; }
    decode_field(*field, settings, f);
    decoded.push_back(name);
  }
  for (const auto& f : remaining.short_form) {
    auto found = by_acronym.find(f.name);
    if (found == by_acronym.end()) { left.short_form.push_back(f); continue; }
    const auto& candidates = found->second;
    if (candidates.size() > 1) {
      std::vector<std::string> names;
      for (auto* c : candidates) names.push_back(c->name);
      throw settings_error("ambiguous short settings (" + joined(names) + "), use long form --" +
                           replace_all(names.front(), '_', '-') + "=<value>");
    }
    const setting_field& field = *candidates.front();
    if (std::find(decoded.begin(), decoded.end(), field.name) != decoded.end())
      throw settings_error("cannot decode value for \"" + f.name + "\" (use of both long and short forms)");
    decode_field(field, settings, f);
    decoded.push_back(field.name);
  }
  remaining = std::move(left);
  return decoded;
}

}  // namespace

void decode_arguments(const std::vector<std::string>& args, command_line& standard,
                      const settings_schema& user_schema, void* user, std::vector<std::string>* given) {
  const auto& standard_schema = schema_of<command_line>();
  std::vector<std::string> collisions;
  for (const auto& field : user_schema)
    for (const auto& s : standard_schema)
      if (field.name == s.name) collisions.push_back(field.name);
  if (!collisions.empty()) throw settings_error("collision in settings names - " + joined(collisions));

  flags remaining;
  std::vector<std::string> words;
  for (const auto& arg : args) {
    if (arg.starts_with("--")) put(remaining.long_form, split_flag(std::string_view(arg).substr(2)));
    else if (arg.starts_with("-")) put(remaining.short_form, split_flag(std::string_view(arg).substr(1)));
    else words.push_back(arg);
  }
  extract(standard_schema, &standard, remaining);
  auto decoded = extract(user_schema, user, remaining);
  if (given) *given = std::move(decoded);

  std::vector<std::string> unknown;
  for (const auto& f : remaining.long_form) unknown.push_back(f.name);
  for (const auto& f : remaining.short_form) unknown.push_back(f.name);
  if (!unknown.empty() && user_schema.take_remainder) {
    std::vector<std::string> typed;
    for (const auto& f : remaining.long_form) typed.push_back("--" + f.name + (f.value ? "=" + *f.value : ""));
    for (const auto& f : remaining.short_form) typed.push_back("-" + f.name + (f.value ? "=" + *f.value : ""));
    user_schema.take_remainder(user, std::move(typed));
  } else if (!unknown.empty()) {
    throw settings_error("unknown arguments (" + joined(unknown) + ")");
  }
  if (!words.empty() && !user_schema.take_words)
    throw settings_error("unexpected positional arguments (" + joined(words) + ")");
  if (!words.empty()) user_schema.take_words(user, std::move(words));
  if (user_schema.validate)
    if (auto refused = user_schema.validate(user)) throw settings_error(refused->to_string());
}

std::vector<std::string> encode_arguments(const settings_schema& schema, const void* settings) {
  std::vector<std::string> args;
  for (const auto& field : schema) {
    auto value = field.encode(settings);
    if (value) args.push_back("--" + replace_all(field.name, '_', '-') + "=" + *value);
  }
  return args;
}

}  // namespace lc::detail
