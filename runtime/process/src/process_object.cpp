#include "lc/process_object.hpp"
#include "lc/process_workers.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <random>
#include <mutex>
#include <system_error>
#include <unordered_map>

#include "lc/codec.hpp"
#include "child_process.hpp"
#include "lc/entry_point.hpp"
#include "lc/listen_connect.hpp"
#include "lc/runtime.hpp"

namespace lc {

namespace {
std::string random_token() {
  std::random_device device;
  std::string text;
  char part[9];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(part, sizeof part, "%08x", device());
    text += part;
  }
  return text;
}
}  // namespace

namespace detail {
namespace {

struct binding_table {
  std::mutex mutex;
  std::unordered_map<const void*, process_binding> bindings;
};
binding_table& bindings() {
  static binding_table table;
  return table;
}

}  // namespace

bool bind_process(const void* function, process_binding binding) {
  auto& t = bindings();
  std::lock_guard lock(t.mutex);
  t.bindings[function] = std::move(binding);
  return true;
}

const process_binding* bound_process(const void* function) {
  auto& t = bindings();
  std::lock_guard lock(t.mutex);
  auto found = t.bindings.find(function);
  return found == t.bindings.end() ? nullptr : &found->second;
}

}  // namespace detail

std::string detail::format_role(std::string_view role_format, std::size_t index) {
  std::string role(role_format);
  for (auto at = role.find("{i}"); at != std::string::npos; at = role.find("{i}", at))
    role.replace(at, 3, std::to_string(index));
  return role;
}

ProcessObject::ProcessObject(const void* function, std::vector<std::string> arguments, process_options options)
    : binding_(detail::bound_process(function)), arguments_(std::move(arguments)), options_(options) {
  if (binding_) set_name(std::filesystem::path(binding_->executable).filename().string());
}

std::optional<std::string> find_program(const std::string& name) { return detail::find_executable(name); }

ProcessObject::ProcessObject(process_role role, process_options options)
    : binding_(&role_binding_), role_(std::move(role)), role_binding_{role_->executable, false}, options_(options) {
  set_name(role_->role_name);
}

// Never leaves the child behind, even when the runtime discards this object early.
ProcessObject::~ProcessObject() {
  if (child_) child_->signal(SIGKILL);
}

std::vector<std::string> ProcessObject::child_arguments() const {
  auto a = arguments_;
  a.push_back("--child-process");
  a.push_back("--full-output");
  a.push_back("--parent-pid=" + std::to_string(::getpid()));
  // As the reference: a child of a process run by layer-cake (RUN, START) is RUN_CHILD or START_CHILD.
  auto origin = process_flags().origin;
  if (origin == process_origin::RUN || origin == process_origin::RUN_CHILD) a.push_back("--origin=RUN_CHILD");
  if (origin == process_origin::START || origin == process_origin::START_CHILD) a.push_back("--origin=START_CHILD");
  if (role_) {
    a.push_back("--home-path=" + role_->home_path);
    a.push_back("--role-name=" + role_->role_name);
    a.insert(a.end(), role_->arguments.begin(), role_->arguments.end());
  } else {
    std::string role = options_.role_name.empty() ? name() : options_.role_name;
    if (const auto& ours = process_flags().role_name; ours && !ours->empty()) role = *ours + "." + role;
    a.push_back("--role-name=" + role);
  }
  if (process_flags().keep_logs) a.push_back("--keep-logs");
  if (auto level = process_flags().debug_level)
    a.push_back("--debug-level=" + std::string(boost::describe::enum_to_string(*level, "NONE")));
  return a;
}

void ProcessObject::on(const Start&) {
  if (binding_ == nullptr) return finish(Faulted("cannot execute function (not registered)"));
  if (binding_->library) {
    listen_id_ = listen(*this, HostPort{"127.0.0.1", 0}, back_channel_options);
    return;
  }
  spawn(child_arguments());
}

void ProcessObject::on(const Listening& listening) {
  auto arguments = child_arguments();
  arguments.push_back("--directory-scope=LIBRARY");
  arguments.push_back("--connect-to-directory=" + *encode_setting(listening.listening_ipp));
  token_ = random_token();
  spawn(std::move(arguments), {std::string(back_channel_token_variable) + "=" + token_});
}

void ProcessObject::on(const NotListening& refused) {
  if (child_main_ || stopping_) return;  // the listen was closed on purpose
  finish(Faulted("cannot start library process", refused.to_string()));
}

void ProcessObject::on(const Accepted& accepted) {
  if (child_main_) return send(Close{}, accepted.proxy_address);  // one child, one connection
  unproven_.push_back(accepted.proxy_address);
}

void ProcessObject::on(const BackChannelToken& proof) {
  auto link = std::find_if(unproven_.begin(), unproven_.end(),
                           [&](const address& a) { return a.local_id() == return_address().local_id(); });
  if (link == unproven_.end() || child_main_) return;
  if (proof.token != token_) {
    warning("back-channel connection refused", "(wrong token)");
    send(Close{}, *link);
    unproven_.erase(link);
    return;
  }
  child_main_ = *link;
  unproven_.erase(link);
  for (const auto& stranger : unproven_) send(Close{}, stranger);
  unproven_.clear();
  stop_listening(*this, listen_id_);
  for (auto& p : queued_) forward(std::move(p.m), child_main_, p.from);
  queued_.clear();
}

void ProcessObject::on(const Closed&) {
  child_main_ = {};  // the child is ending; its exit completes this object
}

void ProcessObject::on_unknown(const message& m) {
  if (binding_ == nullptr || !binding_->library) {
    warning("cannot forward", m.type_name(), "(", name(), "is not a library process)");
    return;
  }
  if (child_main_) forward(m, child_main_, return_address());
  else if (!stopping_) queued_.push_back({m, return_address()});
}

void ProcessObject::spawn(std::vector<std::string> arguments, std::vector<std::string> environment) {
  auto path = role_ ? std::optional<std::string>(binding_->executable) : detail::find_executable(binding_->executable);
  if (role_ && path->ends_with(".py")) {  // a role of the Python original's, run as it runs them
    const char* interpreter = std::getenv("LC_PYTHON");
    auto python = detail::find_executable(interpreter ? interpreter : "python3");
    if (!python) return finish(Faulted("cannot execute " + *path + " (no python3 on PATH, nor $LC_PYTHON)"));
    std::erase_if(arguments, [](const std::string& a) { return a.starts_with("--parent-pid="); });  // ours alone
    arguments.insert(arguments.begin(), *path);
    path = python;
  } else if (role_ && ::access(path->c_str(), X_OK) != 0) {
    return finish(Faulted("cannot execute " + *path + " (no role executable)"));
  }
  if (!path) return finish(Faulted("cannot execute " + binding_->executable + " (not found)"));
  try {
    auto self = self_address();
    child_ = std::make_unique<detail::child_process>(
        *path, arguments,
        [self](detail::child_exit e) {
          detail::post(ChildExited{e.code, std::move(e.output), e.output_over_cap}, self, self);
        },
        environment);
  } catch (const std::system_error& e) {
    return finish(Faulted("cannot start process \"" + *path + "\" (" + e.code().message() + ")"));
  }
  log('(', "Started process (" + std::to_string(child_->pid()) + ")");
}

void ProcessObject::on(const Stop&) {
  if (!child_) return finish(Aborted{});  // a library still waiting to listen
  if (stopping_) return;
  stopping_ = true;
  child_->signal(SIGINT);
  start<T2>(options_.grace);
}

void ProcessObject::on(const T2&) {
  if (stopping_ && child_) child_->signal(SIGKILL);
}

void ProcessObject::on(const ChildExited& e) {
  if (return_address() != self_address() || !child_)
    return warning("ChildExited from", return_address().to_string(), "ignored (only the child reader sends it)");
  auto pid = std::to_string(child_->pid());
  child_.reset();  // joins the reader, which has finished
  cancel<T2>();
  if (stopping_) {
    log(')', "Process aborted [" + pid + "] (code " + std::to_string(e.code) + ")");
    return finish(Aborted{});
  }
  log(')', "Process (" + pid + ") ended with " + std::to_string(e.code));
  finish(result_of(e));
}

message ProcessObject::result_of(const ChildExited& e) const {
  if (e.output_over_cap)
    return Faulted("child output over the cap", std::to_string(detail::child_output_cap >> 20) + " MiB written to stdout; the child was killed");
  std::string_view output = e.output;
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.remove_suffix(1);
  message value;
  std::string decode_error;
  if (!output.empty()) {
    try {
      value = decode_any(output);
    } catch (const std::exception& error) {
      decode_error = error.what();
    }
  }
  if (e.code == 0) {
    if (!decode_error.empty()) return Faulted("cannot decode output (" + decode_error + ")");
    if (auto refused = refusal_of(value)) return *refused;  // a child's output is input too
    return value;
  }
  if (value.faulted()) return value;
  std::string page = output.empty() ? "<empty>" : std::string(output.substr(0, 32));
  std::string kind = value ? value.type_name() : "<empty>";
  return Faulted("non-standard process exit - code=" + std::to_string(e.code) + ", output=" + kind +
                 ", page=\"" + page + "...\"");
}

}  // namespace lc
