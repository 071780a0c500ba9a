// Correct replies, each held back by --delay-us=N (default 0), and with --stall-ms=S
// --stall-every-ms=P none at all during the first S ms of every P ms since start (a request that
// arrives then is answered when the stall ends): a server whose true latency is known, for the
// baseline gate and the open-loop latency tests. The delays are timers, so they cost no CPU.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/xy_body.hpp"

#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <string_view>

using namespace lc::harness;

namespace {
long flag(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view a = argv[i]; a.starts_with(name)) return std::stol(std::string(a.substr(name.size())));
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const std::chrono::microseconds delay(flag(argc, argv, "--delay-us="));
  const std::chrono::milliseconds stall(flag(argc, argv, "--stall-ms=")), period(flag(argc, argv, "--stall-every-ms="));
  const auto start = std::chrono::steady_clock::now();
  net::io_context io(1);
  return run_mini_server({"fake_slow_responder"}, parse_server_address(argc, argv), io,
                         [&io, delay, stall, period, start](int x, int y, reply_fn reply) {
                           auto wait = std::chrono::steady_clock::duration(delay);
                           if (period.count() > 0) {
                             const auto phase = (std::chrono::steady_clock::now() - start) % period;
                             if (phase < stall) wait = std::max(wait, stall - phase);
                           }
                           auto timer = std::make_shared<net::steady_timer>(io, wait);
                           timer->async_wait([timer, reply, x, y](boost::system::error_code) {
                             reply(http::status::ok, make_xy_body(x, y));
                           });
                         });
}
