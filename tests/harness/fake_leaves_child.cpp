// A correct server that starts a child and exits without it; the child lives at most 30 s.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/xy_body.hpp"

#include <unistd.h>

using namespace lc::harness;

int main(int argc, char** argv) {
  if (fork() == 0) {
    sleep(30);
    _exit(0);
  }
  net::io_context io(1);
  return run_mini_server({"fake_leaves_child"}, parse_server_address(argc, argv), io,
                         [](int x, int y, reply_fn reply) { reply(http::status::ok, make_xy_body(x, y)); });
}
