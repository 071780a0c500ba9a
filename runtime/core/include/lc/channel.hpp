#pragma once
// A channel: an object with a blocking input() on the thread that owns it. Functions created with
// self.create(fn, args...) get one on their own thread; `lc::channel self;` opens one on the
// calling thread (the reference's root channel; tests use it to talk to the runtime).
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "lc/envelope.hpp"
#include "lc/object.hpp"

namespace lc {
namespace detail {
class dispatcher;
}

namespace detail {
class mailbox;
}

// Types to keep for replay in select(): self.select<Ack>(lc::saving<Xy>{}, 2.0)
template <class... Ts>
struct saving {};

struct selected {
  static constexpr std::size_t timed_out = static_cast<std::size_t>(-1);
  message m;               // the received message, or TimedOut
  std::size_t index = 0;   // position of its type in the select list, or timed_out
};

class channel : public object {
 public:
  using duration = std::chrono::steady_clock::duration;

  // Opens a channel on the calling thread; closed by the destructor.
  explicit channel(std::string name = "channel");
  ~channel() override;

  // Blocks for the next message; sets return_address()/to_address().
  message input();
  // Waits at most `timeout`; nullopt when nothing came.
  std::optional<message> input(duration timeout);
  std::optional<message> input(double seconds) {
    return input(std::chrono::duration_cast<duration>(std::chrono::duration<double>(seconds)));
  }

  // Typed selective receive (reference §1.6): the first message matching one of Ts is returned with
  // its index; messages of a saving type are kept and replayed after the next fresh message; any
  // other message is logged as dropped. seconds < 0 waits forever; on timeout, m is TimedOut.
  template <class... Ts, class... Ss>
  selected select(saving<Ss...>, double seconds = -1) {
    static const std::vector<matcher> wanted{&matches<Ts>...};
    static const std::vector<matcher> saved{&matches<Ss>...};
    return select_from(wanted, saved, seconds);
  }
  template <class... Ts>
  selected select(double seconds = -1) {
    return select<Ts...>(saving<>{}, seconds);
  }

  // Sends q to a and selects one of the reply types.
  template <class... Rs>
  selected ask(message q, const address& a, double seconds = -1) {
    send(std::move(q), a);
    return select<Rs...>(seconds);
  }

  // Sends Stop to child a and waits for its Returned (at most `seconds` if >= 0); returns the value
  // it returned, or nullopt on timeout. Every other message is kept for a later input().
  std::optional<message> stop(const address& a, double seconds = -1);

 protected:
  struct spawned_tag {};
  channel(spawned_tag, std::string name);  // for functions on their own thread (runtime use)

 private:
  using matcher = bool (*)(const message&);
  template <class T>
  static bool matches(const message& m) {
    return m.get<T>() != nullptr;
  }
  selected select_from(const std::vector<matcher>& wanted, const std::vector<matcher>& saving,
                       double seconds);
  // Next envelope: the oldest saved one, else a fresh one.
  bool next(detail::envelope& out, std::optional<std::chrono::steady_clock::time_point> deadline);
  bool next_fresh(detail::envelope& out, std::optional<std::chrono::steady_clock::time_point> deadline);
  void take_delivery(const detail::envelope& e);
  bool for_hosted(const detail::envelope& e) const;  // for a machine this channel runs
  friend struct channel_access;

  std::shared_ptr<detail::mailbox> mailbox_;
  // A function on its own thread runs the machines it creates (default placement) on that thread,
  // from the same mailbox, whenever it waits for a message: a request handed to a GetResponse
  // costs no thread wake-up. Null for a channel made by user code.
  std::unique_ptr<detail::dispatcher> host_;
  bool can_host_ = false;
  std::vector<detail::envelope> batch_;
  std::size_t batch_next_ = 0;
  std::deque<detail::envelope> replay_;  // saved by select(), oldest first
};

}  // namespace lc
