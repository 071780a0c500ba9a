#include "entry_output.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "lc/codec.hpp"
#include "lc/pretty_json.hpp"

namespace lc::detail {

namespace {

int exit_code_of(const Faulted& fault) {
  auto status = fault.exit_status.value_or(faulty_exit);
  return static_cast<int>(static_cast<std::uint64_t>(status) % 256);
}

std::string full_output(const message& m, bool compact) {
  auto text = encode_any(m);
  return compact ? text : pretty_json(text, 4);
}

std::string bare_output(const message& m, bool compact) {
  std::string text;
  encode_context ctx;
  m.type()->encode(m.raw(), text, ctx);
  return pretty_json(text, compact ? -1 : 4);
}

}  // namespace

std::string program_name(const char* argv0) {
  std::string_view path = argv0 ? argv0 : "";
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

int print_result(const message& result, const command_line& flags, std::string_view program,
                 std::ostream& out, std::ostream& err) {
  const Faulted* fault = result.faulted();
  int code = fault ? exit_code_of(*fault) : 0;
  if (fault && !flags.full_output) {
    err << program << ": " << fault->to_string() << '\n' << std::flush;
    return code;
  }
  if (result.empty()) return code;
  Faulted failure;
  try {
    if (!flags.output_file) {
      auto text = flags.full_output ? full_output(result, flags.child_process)
                                    : bare_output(result, flags.child_process);
      if (text != "null") out << text << '\n' << std::flush;  // an empty optional is None
      return code;
    }
    std::ofstream file(*flags.output_file, std::ios::trunc);
    if (file) file << full_output(result, false) << '\n' << std::flush;
    if (file) return code;
    failure = Faulted("cannot write \"" + *flags.output_file + "\"", std::strerror(errno));
  } catch (const codec_error& e) {
    failure = Faulted(e.what());
  }
  // One unmanaged attempt to report the failed output, as the reference does.
  if (flags.full_output) out << full_output(failure, flags.child_process) << '\n' << std::flush;
  else err << program << ": " << failure.to_string() << '\n' << std::flush;
  return faulty_exit;
}

int print_bad_arguments(std::string_view reason, bool full_output_flag, bool child_process,
                        std::string_view program, std::ostream& out, std::ostream& err) {
  err << program << ": " << reason << '\n' << std::flush;
  if (full_output_flag) {
    message fault = Faulted(std::string(reason), std::nullopt, std::nullopt, bad_arguments_exit);
    out << full_output(fault, child_process) << '\n' << std::flush;
  }
  return bad_arguments_exit;
}

void print_help(std::string_view program, const settings_schema& schema, const void* defaults,
                std::ostream& out) {
  auto dashed = [](std::string name) {
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
  };
  auto line = [&](const setting_field& field, const void* values) {
    out << "  --" << dashed(field.name) << "=<" << field.type_text << ">";
    if (values != nullptr) {
      auto value = field.encode(values);
      out << "  (default " << (value ? *value : std::string("none")) << ")";
    }
    out << '\n';
  };
  out << "usage: " << program << " [--name=value ...]\n";
  if (!schema.empty()) {
    out << "settings:\n";
    for (const auto& field : schema) line(field, defaults);
  }
  out << "standard flags (short forms are the initials, e.g. -dl for --debug-level):\n";
  command_line standard;
  for (const auto& field : schema_of<command_line>()) line(field, &standard);
}

void print_types(std::ostream& out) {
  std::vector<std::string> names;
  for (const type_record* t : registered_types()) names.push_back(t->signature);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) out << name << '\n';
}

}  // namespace lc::detail
