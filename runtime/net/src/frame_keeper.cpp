#include "frame_keeper.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "lc/net_messages.hpp"

namespace lc::detail {
namespace {

constexpr double keep_alive_grace = 3.0;   // after our KeepAlive
constexpr double still_there_grace = 5.0;  // after our StillThere

// A peer's wait, made safe for a timer: NaN and negatives are 0, and a day at most.
std::chrono::steady_clock::duration wait_of(double seconds) {
  if (!(seconds > 0.0)) seconds = 0.0;
  seconds = std::min(seconds, 86400.0);
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

frame_keeper::frame_keeper(net::any_io_executor strand, double period, sender send, std::function<void()> went_stale)
    : answer_timer_(strand),
      expiry_timer_(strand),
      period_(period > 0.0 ? period : default_keep_alive_period),
      send_(std::move(send)),
      went_stale_(std::move(went_stale)) {}

double frame_keeper::next_period() {
  thread_local std::mt19937 random{std::random_device{}()};
  return period_ * std::uniform_real_distribution<double>(0.95, 1.05)(random);
}

void frame_keeper::start(const address& remote_controller) {
  if (stopped_) return;
  double seconds = next_period();
  send_(message(KeepAlive{seconds}), remote_controller);
  expect_within(seconds + keep_alive_grace);
}

bool frame_keeper::take(const message& m, const address& return_address) {
  if (const auto* k = m.get<KeepAlive>()) {
    answer_after(k->seconds, return_address);
    return true;
  }
  if (const auto* s = m.get<StillThere>()) {
    ++expiry_round_;  // answered: a deadline already due but not yet handled must not fire
    expiry_timer_.cancel();
    answer_after(s->seconds, return_address);
    return true;
  }
  return false;
}

void frame_keeper::answer_after(double seconds, address to) {
  if (stopped_) return;
  answer_timer_.expires_after(wait_of(seconds));
  answer_timer_.async_wait([self = shared_from_this(), to, round = ++answer_round_](boost::system::error_code ec) {
    if (ec || self->stopped_ || round != self->answer_round_) return;
    double next = self->next_period();
    self->send_(message(StillThere{next}), to);
    self->expect_within(next + still_there_grace);
  });
}

void frame_keeper::expect_within(double seconds) {
  if (stopped_) return;
  expiry_timer_.expires_after(wait_of(seconds));
  expiry_timer_.async_wait([self = shared_from_this(), round = ++expiry_round_](boost::system::error_code ec) {
    if (ec || self->stopped_ || round != self->expiry_round_) return;
    self->went_stale_();
  });
}

void frame_keeper::stop() {
  stopped_ = true;
  answer_timer_.cancel();
  expiry_timer_.cancel();
}

}  // namespace lc::detail
