// Correct replies, each held back by --delay-us=N (default 0): a server made slower on purpose,
// for the baseline gate's regression test. The delay is a timer, so it costs no CPU.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/xy_body.hpp"

#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <string_view>

using namespace lc::harness;

int main(int argc, char** argv) {
  long delay_us = 0;
  for (int i = 1; i < argc; ++i)
    if (std::string_view a = argv[i]; a.starts_with("--delay-us=")) delay_us = std::stol(std::string(a.substr(11)));
  net::io_context io(1);
  return run_mini_server({"fake_slow_responder"}, parse_server_address(argc, argv), io,
                         [&io, delay_us](int x, int y, reply_fn reply) {
                           auto timer = std::make_shared<net::steady_timer>(io, std::chrono::microseconds(delay_us));
                           timer->async_wait([timer, reply, x, y](boost::system::error_code) {
                             reply(http::status::ok, make_xy_body(x, y));
                           });
                         });
}
