#pragma once
// ProcessObject: an object whose work is done by a child process (reference §6).
//
//   LC_PROCESS(texture, "test_function_5")    // texture(self, settings) runs in that executable
//   auto a = self.create<lc::ProcessObject>(texture, texture_settings{.x = 2, .y = 2});
//
// The executable (found beside this program first, then on PATH) runs the function through
// lc::run; its settings go as --name=value, its result comes back on stdout and reaches the parent
// as Returned. Stop sends SIGINT and, after `grace` seconds, SIGKILL: the Returned always arrives.
//
//   LC_LIBRARY(worker, "test_worker_7")      // a worker process that serves messages
//   auto w = self.create<lc::ProcessObject>(worker);   // send/GetResponse to w as to a thread
//
// A library child connects back to a port its ProcessObject listens on (--connect-to-directory);
// messages sent to the ProcessObject reach the child's main object, and replies go straight back
// to their senders.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lc/machine.hpp"
#include "lc/net_messages.hpp"
#include "lc/net_options.hpp"
#include "lc/settings.hpp"

namespace lc {

namespace detail {
class child_process;

struct process_binding {
  std::string executable;
  bool library = false;  // the child connects back and serves messages (LC_LIBRARY)
};
bool bind_process(const void* function, process_binding binding);
const process_binding* bound_process(const void* function);
}  // namespace detail

template <class R, class... A>
bool bind_process(R (*function)(A...), std::string executable, bool library = false) {
  return detail::bind_process(reinterpret_cast<const void*>(function), {std::move(executable), library});
}

// A child's end, read from its stdout and exit status (runtime use).
struct ChildExited {
  std::int64_t code = 0;
  std::string output;
  bool output_over_cap = false;  // the child wrote more than process_options::output_cap and was killed
};
BOOST_DESCRIBE_STRUCT(ChildExited, (), (code, output, output_over_cap))

// A library child's first message on its back-channel: the secret its parent gave it in its
// environment. Until it arrives, a connection to the back-channel port is not the child.
struct BackChannelToken {
  std::string token;
};
BOOST_DESCRIBE_STRUCT(BackChannelToken, (), (token))
inline constexpr const char* back_channel_token_variable = "LC_BACK_CHANNEL_TOKEN";
// The frames of a back-channel carry whole tables: a table at LC_MAX_TABLE_CELLS (1,000,000
// doubles) is about 25 MB as JSON.
inline constexpr lc::frame_options back_channel_options{
    .frame_cap = 32u << 20, .idle_timeout = {}, .announce_cancelled = true};

struct process_options {
  double grace = 3.0;     // seconds between SIGINT and SIGKILL after a Stop
  std::string role_name;  // the child's --role-name; empty: the executable's name. Prefixed
                          // with "<our role>." when this process has a role itself.
};

// A role of a home run as a child, as group-cake runs its roles: the role's executable with
// --home-path and --role-name (never prefixed), its settings coming from the role.
struct process_role {
  std::string executable;  // as the role's executable_file names it
  std::string home_path;
  std::string role_name;
  std::vector<std::string> arguments = {};  // more, e.g. --create-role and settings to store
};

// The file a program name runs: a path as given (when executable), else the file of that name
// beside this program, else on PATH; nothing when there is none.
std::optional<std::string> find_program(const std::string& name);

class ProcessObject
    : public stateless<ProcessObject, Start, Stop, T2, ChildExited, Listening, NotListening, Accepted,
                       BackChannelToken, Closed> {
 public:
  static constexpr std::string_view thread_name = "process-object";

  template <class R, class S>
  ProcessObject(R (*function)(channel&, const S&), const S& settings, process_options options = {})
      : ProcessObject(reinterpret_cast<const void*>(function),
                      detail::encode_arguments(detail::schema_of<S>(), &settings), options) {}
  template <class R>
  explicit ProcessObject(R (*function)(channel&), process_options options = {})
      : ProcessObject(reinterpret_cast<const void*>(function), {}, options) {}
  explicit ProcessObject(process_role role, process_options options = {});
  ~ProcessObject() override;

  void on(const Start&);
  void on(const Stop&);
  void on(const T2&);
  void on(const ChildExited&);
  void on(const Listening&);      // library: the port the child connects back to
  void on(const NotListening&);
  void on(const Accepted&);          // library: a connection that may be the child
  void on(const BackChannelToken&);  // library: the connection that proves it is the child
  void on(const Closed&);
  void on_unknown(const message& m);  // library: forwarded to the child's main object

 private:
  ProcessObject(const void* function, std::vector<std::string> arguments, process_options options);
  std::vector<std::string> child_arguments() const;
  void spawn(std::vector<std::string> arguments, std::vector<std::string> environment = {});
  message result_of(const ChildExited& e) const;

  const detail::process_binding* binding_;
  std::optional<process_role> role_;
  detail::process_binding role_binding_;
  std::vector<std::string> arguments_;
  process_options options_;
  std::unique_ptr<detail::child_process> child_;
  bool stopping_ = false;
  std::string listen_id_;
  address child_main_;  // the child's main object, reached through the connection
  std::string token_;   // what the child must send first on its back-channel
  std::vector<address> unproven_;  // accepted connections that have not sent the token
  struct pending {
    message m;
    address from;
  };
  std::deque<pending> queued_;  // messages waiting for the child to connect
};

}  // namespace lc

LC_MESSAGE(lc::ChildExited, "lc.process.ChildExited")
LC_MESSAGE(lc::BackChannelToken, "lc.process.BackChannelToken")

#define LC_PROCESS(function, executable)                                                  \
  namespace {                                                                             \
  [[maybe_unused]] const bool LC_CAT(lc_process_, __COUNTER__) = ::lc::bind_process(function, executable); \
  }
#define LC_LIBRARY(function, executable)                                                  \
  namespace {                                                                             \
  [[maybe_unused]] const bool LC_CAT(lc_process_, __COUNTER__) = ::lc::bind_process(function, executable, true); \
  }
