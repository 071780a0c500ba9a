// A correct server that ignores SIGINT and SIGTERM.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/xy_body.hpp"

using namespace lc::harness;

int main(int argc, char** argv) {
  net::io_context io(1);
  return run_mini_server({"fake_ignores_sigint", false}, parse_server_address(argc, argv), io,
                         [](int x, int y, reply_fn reply) { reply(http::status::ok, make_xy_body(x, y)); });
}
