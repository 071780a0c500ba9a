#pragma once
// What every object can do: the reference's `self`. Functions get a channel (channel.hpp),
// machines derive from stateless / state_machine (machine.hpp); both are objects.
#include <any>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "lc/address.hpp"
#include "lc/log.hpp"
#include "lc/message.hpp"
#include "lc/messages.hpp"
#include "lc/timer.hpp"

namespace lc {

class object;
class channel;

// Where a machine runs: the shared default dispatcher, a named dispatcher thread, or its own thread.
struct placement {
  enum kind_t { default_dispatcher, named_thread, own_thread } kind = default_dispatcher;
  std::string thread_name;
};

// A callback stored by on_return; called with the Returned's value.
using return_callback = std::function<void(object& self, const message& value)>;
struct on_returned {
  return_callback callback;
};

namespace detail {
class machine_base;
struct completion {  // thrown by complete(), caught by whatever runs the object
  message value;
};
using function_body = std::function<message(channel&)>;
address spawn_function(object& parent, std::string name, function_body body);
address spawn_machine(object& parent, std::unique_ptr<machine_base> machine, placement where);
std::string bound_name(const void* function);  // the name given by lc::bind, or "function"
void bind_name(const void* function, std::string name);

template <class F, class... A>
function_body make_function_body(F&& fn, A&&... args) {
  return [fn = std::forward<F>(fn), bound = std::make_tuple(std::forward<A>(args)...)](channel& self) mutable -> message {
    using R = decltype(std::apply([&](auto&... a) { return fn(self, a...); }, bound));
    if constexpr (std::is_void_v<R>) {
      std::apply([&](auto&... a) { fn(self, a...); }, bound);
      return {};
    } else {
      return message(std::apply([&](auto&... a) { return fn(self, a...); }, bound));
    }
  };
}
}  // namespace detail

// Names a function for the logs, as the reference's bind(fn): lc::bind(texture, "texture").
template <class R, class... A>
void bind(R (*function)(A...), std::string name) {
  detail::bind_name(reinterpret_cast<const void*>(function), std::move(name));
}

class object {
 public:
  object(const object&) = delete;
  object& operator=(const object&) = delete;
  virtual ~object();

  address self_address() const { return self_; }
  address parent_address() const { return parent_; }
  address return_address() const { return return_; }  // sender of the message being handled
  address to_address() const { return to_; }
  const std::string& name() const { return name_; }
  virtual std::string state_name() const { return {}; }

  void send(message m, const address& to);
  void reply(message m) { send(std::move(m), return_); }
  void forward(message m, const address& to, const address& as_from);

  // A function on its own thread: R fn(lc::channel& self, Args...). Returns at once.
  template <class F, class... A>
    requires std::is_invocable_v<std::decay_t<F>&, channel&, std::decay_t<A>&...>
  address create(F&& fn, A&&... args) {
    std::string name = "function";
    if constexpr (std::is_pointer_v<std::decay_t<F>> || std::is_function_v<std::remove_reference_t<F>>)
      name = detail::bound_name(reinterpret_cast<const void*>(+fn));
    return detail::spawn_function(*this, std::move(name),
                                  detail::make_function_body(std::forward<F>(fn), std::forward<A>(args)...));
  }
  // A machine: runs where M says; Start arrives first, from this object. Defined in machine.hpp,
  // which declares every machine type, so any M brings the definition with it.
  template <class M, class... A>
  address create(A&&... args);

  // Callbacks and contexts (reference §2.1). Returned is not dispatched to callbacks by itself:
  // the receiver calls handle_returned(m), or debrief() and calls the callback.
  void on_return(const address& child, return_callback callback);
  bool handle_returned(const message& m);
  void assign(const address& a, std::any context = true);
  std::any* progress(const address& a);
  std::any* progress() { return progress(return_); }
  std::optional<std::any> debrief(const address& a);
  std::optional<std::any> debrief() { return debrief(return_); }
  std::size_t working() const { return contexts_.size(); }
  std::vector<address> running() const;
  // Stop to every context address; the stored value replaces a later complete()'s value.
  std::size_t abort(message aborted_value = {});

  // A new Timer{} arrives from the timer service after `seconds`; starting again restarts.
  template <class Timer>
  void start(double seconds, bool repeating = false) {
    detail::start_timer(self_, type_of<Timer>(), seconds, repeating);
  }
  template <class Timer>
  void cancel() {
    detail::cancel_timer(self_, type_of<Timer>());
  }

  template <class... A> void trace(A&&... a) { log_words(tag::trace, std::forward<A>(a)...); }
  template <class... A> void console(A&&... a) { log_words(tag::console, std::forward<A>(a)...); }
  template <class... A> void warning(A&&... a) { log_words(tag::warning, std::forward<A>(a)...); }
  template <class... A> void fault(A&&... a) { log_words(tag::fault, std::forward<A>(a)...); }
  template <class... A> void debug(A&&... a) { log_words(tag::debug, std::forward<A>(a)...); }
  template <class... A> void sample(A&&... a) { log_words(tag::sample, std::forward<A>(a)...); }
  void log(char tag, std::string_view text) const;

  // Ends the object now; the parent receives Returned{value} (or the value stored by abort()).
  [[noreturn]] void complete(message value = {});

 protected:
  explicit object(std::string name) : name_(std::move(name)) {}
  void set_name(std::string name) { name_ = std::move(name); }

 private:
  template <class... A>
  void log_words(char t, A&&... a) {
    if constexpr (sizeof...(A) > 0)
      if (detail::logging(t)) log(t, detail::join_words(std::forward<A>(a)...));
  }
  friend struct detail_access;

  std::string name_;
  address self_;
  address parent_;
  address return_;
  address to_;
  std::unordered_map<address, std::any> contexts_;
  message aborted_;
};

// Internal: what the runtime sets on an object (not for user code).
struct detail_access {
  static void identify(object& o, const address& self, const address& parent) {
    o.self_ = self;
    o.parent_ = parent;
  }
  static void received(object& o, const address& to, const address& from) {
    o.to_ = to;
    o.return_ = from;
  }
  static message final_value(object& o, message value) {
    return o.aborted_ ? o.aborted_ : std::move(value);
  }
};

}  // namespace lc
