// Ceiling for scenarios 1, 3 and 4: the same bytes from a precomputed table, nothing else.
// --body-file=F: the read ceiling of the REST server, the bytes of F as the reply to every GET.
#include "lc_harness/mini_server.hpp"
#include "lc_harness/report_writers.hpp"
#include "lc_harness/xy_body.hpp"

#include <map>

using namespace lc::harness;

namespace {

int serve_fixed_body(const std::string& path, int argc, char** argv, net::io_context& io) {
  const auto body_text = read_text_file(path);
  if (!body_text) return 2;
  return run_mini_server({"lc-static-responder"}, parse_server_address(argc, argv), io,
                         [body = *body_text](http::verb method, std::string_view, const std::string&, reply_fn reply) {
                           if (method != http::verb::get) return reply(http::status::method_not_allowed, "");
                           reply(http::status::ok, body);
                         });
}

}  // namespace

int main(int argc, char** argv) {
  net::io_context io(1);
  const std::string_view body_flag = "--body-file=";
  for (int i = 1; i < argc; ++i)
    if (std::string_view arg = argv[i]; arg.starts_with(body_flag))
      return serve_fixed_body(std::string(arg.substr(body_flag.size())), argc, argv, io);
  std::map<std::pair<int, int>, std::string> bodies{{{8, 8}, make_xy_body(8, 8)}, {{100, 100}, make_xy_body(100, 100)}};
  return run_mini_server({"lc-static-responder"}, parse_server_address(argc, argv), io,
                         [&bodies](int x, int y, reply_fn reply) {
                           auto it = bodies.find({x, y});
                           if (it == bodies.end()) it = bodies.emplace(std::pair{x, y}, make_xy_body(x, y)).first;
                           reply(http::status::ok, it->second);
                         });
}
