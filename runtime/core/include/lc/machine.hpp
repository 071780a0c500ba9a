#pragma once
// Machines, as the reference's Stateless and StateMachine classes.
//
//   struct pinger : lc::stateless<pinger, lc::Start, Xy, lc::Faulted> {   // the dispatch table
//     void on(const lc::Start&) { send(Xy{}, peer); }
//     void on(const Xy&) { reply(Xy{}); }
//     void on(const lc::Faulted&) { complete(); }          // also catches TimedOut, Busy ...
//     void on(const lc::Stop&) { finish(lc::Aborted{}); }  // ends once the handler returns
//     void on_unknown(const lc::message& m) { ... }         // optional catch-all
//   };
//
//   enum class door_state { CLOSED, OPEN };  BOOST_DESCRIBE_ENUM(door_state, CLOSED, OPEN)
//   struct door : lc::state_machine<door, door_state, lc::Start, Open, Close> {
//     door() : state_machine(door_state::CLOSED) {}
//     door_state on(lc::in<door_state::CLOSED>, const Open&) { return door_state::OPEN; }
//     lc::saved on(lc::in<door_state::CLOSED>, const Close&) { return lc::save; }   // saving
//   };
//
// Where a machine runs (reference: Point, thread='name', Threaded):
//   nothing                                      -> the shared default dispatcher thread
//   static constexpr std::string_view thread_name = "x";  -> the named dispatcher thread "x"
//   static constexpr bool threaded = true;       -> its own thread
// Matching order: exact type, then the first listed type the message is a kind of (Faulted), then
// on_unknown, else the message is logged as Dropped.
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>

#include "lc/object.hpp"

namespace lc {

template <auto State>
struct in {};
struct saved {};
inline constexpr saved save{};

namespace detail {

class dispatcher;
std::string short_type_name(const std::type_info& type);

class machine_base : public object {
 public:
  enum class outcome { handled, saved, dropped };
  // Dispatches one message; may throw detail::completion (complete()) or anything else (a fault).
  virtual outcome receive(const message& m) = 0;
  const message& received() const { return *received_; }  // the message being handled

  // Ends the machine as complete() does, but once the current handler returns: no exception, and
  // the code after it still runs. The last value given wins.
  void finish(message value = {}) { finished_ = std::move(value); }

 protected:
  using object::object;

 private:
  friend struct machine_access;
  const message* received_ = nullptr;
  std::optional<message> finished_;
  dispatcher* home_ = nullptr;  // what runs it: machines it makes with the default placement run there too
};

struct machine_access {
  static machine_base::outcome receive(machine_base& m, const message& msg) {
    m.received_ = &msg;
    return m.receive(msg);
  }
  // The value given to finish() by the last handler, if it called it.
  static dispatcher* home(const machine_base& m) { return m.home_; }
  static void settle(machine_base& m, dispatcher* d) { m.home_ = d; }
  static std::optional<message> take_finished(machine_base& m) {
    std::optional<message> value;
    value.swap(m.finished_);
    return value;
  }
};

template <class T>
const type_record* record_ptr() {
  static const type_record* record = &type_of<T>();
  return record;
}

}  // namespace detail

template <class D>
placement placement_of() {
  if constexpr (requires { D::threaded; })
    if (D::threaded) return {placement::own_thread, {}};
  if constexpr (requires { D::thread_name; }) return {placement::named_thread, std::string(D::thread_name)};
  return {};
}

template <class D, class... Ts>
class stateless : public detail::machine_base {
 protected:
  stateless() : machine_base(detail::short_type_name(typeid(D))) {}

 public:
  outcome receive(const message& m) override {
    auto& d = static_cast<D&>(*this);
    if (m.type() != nullptr) {
      bool done = false;
      ((!done && m.type() == detail::record_ptr<Ts>() ? (d.on(*m.get<Ts>()), done = true) : false), ...);
      if (done) return outcome::handled;
      ((!done && m.get<Ts>() != nullptr ? (d.on(*m.get<Ts>()), done = true) : false), ...);
      if (done) return outcome::handled;
    }
    if constexpr (requires { d.on_unknown(m); }) {
      d.on_unknown(m);
      return outcome::handled;
    }
    return outcome::dropped;
  }
};

template <class D, class State, class... Ts>
class state_machine : public detail::machine_base {
  static_assert(boost::describe::has_describe_enumerators<State>::value,
                "describe the state enum with BOOST_DESCRIBE_ENUM (or BOOST_DESCRIBE_NESTED_ENUM)");

 protected:
  explicit state_machine(State initial) : machine_base(detail::short_type_name(typeid(D))), state_(initial) {}

 public:
  State current_state() const { return state_; }
  std::string state_name() const override { return boost::describe::enum_to_string(state_, "?"); }

  outcome receive(const message& m) override {
    outcome result = outcome::dropped;
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<State>>([&](auto e) {
      if (found || e.value != state_) return;
      found = true;
      result = receive_in<e.value>(m);
    });
    return result;
  }

 private:
  template <State S, class T>
  bool try_handle(const message& m, bool exact, outcome& result) {
    auto& d = static_cast<D&>(*this);
    if constexpr (requires(D& x, const T& t) { x.on(in<S>{}, t); }) {
      if (exact ? m.type() != detail::record_ptr<T>() : m.get<T>() == nullptr) return false;
      using R = decltype(d.on(in<S>{}, *m.get<T>()));
      if constexpr (std::is_same_v<R, State>) {
        state_ = d.on(in<S>{}, *m.get<T>());
        result = outcome::handled;
      } else if constexpr (std::is_same_v<R, saved>) {
        d.on(in<S>{}, *m.get<T>());
        result = outcome::saved;
      } else {
        d.on(in<S>{}, *m.get<T>());
        result = outcome::handled;
      }
      return true;
    } else {
      return false;
    }
  }

  template <State S>
  outcome receive_in(const message& m) {
    outcome result = outcome::dropped;
    if (m.type() != nullptr) {
      if ((try_handle<S, Ts>(m, true, result) || ...)) return result;
      if ((try_handle<S, Ts>(m, false, result) || ...)) return result;
    }
    auto& d = static_cast<D&>(*this);
    if constexpr (requires { d.on_unknown(in<S>{}, m); }) {
      using R = decltype(d.on_unknown(in<S>{}, m));
      if constexpr (std::is_same_v<R, State>) state_ = d.on_unknown(in<S>{}, m);
      else d.on_unknown(in<S>{}, m);
      return outcome::handled;
    }
    return outcome::dropped;
  }

  State state_;
};

template <class M, class... A>
address object::create(A&&... args) {
  static_assert(std::is_base_of_v<detail::machine_base, M>, "create<M>: M is a stateless or state_machine");
  return detail::spawn_machine(*this, std::make_unique<M>(std::forward<A>(args)...), placement_of<M>());
}

// Runs M somewhere other than its declared placement (tests, tuning).
template <class M, class... A>
address create_on(object& parent, placement where, A&&... args) {
  return detail::spawn_machine(parent, std::make_unique<M>(std::forward<A>(args)...), std::move(where));
}

}  // namespace lc
