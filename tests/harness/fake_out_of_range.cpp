// Tables of the right shape whose first value is 1.5, outside [0,1): only the full check sees it.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/xy_body.hpp"

using namespace lc::harness;

int main(int argc, char** argv) {
  net::io_context io(1);
  return run_mini_server({"fake_out_of_range"}, parse_server_address(argc, argv), io, [](int x, int y, reply_fn reply) {
    auto body = make_xy_body(x, y);
    const auto first = body.find("[[") + 2;
    body.replace(first, body.find_first_of(",]", first) - first, "1.5");
    reply(http::status::ok, body);
  });
}
