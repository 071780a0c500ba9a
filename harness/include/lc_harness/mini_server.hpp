#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace lc::harness {

namespace net = boost::asio;
namespace http = boost::beast::http;

// The ceiling servers and the test fakes: single-threaded Beast HTTP/1.1 with keep-alive and
// pipelining, started like a scenario server and stopped like one (exit 71 on SIGINT/SIGTERM).
struct server_address {
  std::string host = "127.0.0.1";
  unsigned short port = 5050;
};

server_address parse_server_address(int argc, char** argv);

using reply_fn = std::function<void(http::status status, std::string body)>;
using xy_handler = std::function<void(int x, int y, reply_fn reply)>;
// Any method and target: the fakes of the REST server and the fixed-body responder.
using request_handler = std::function<void(http::verb method, std::string_view target, const std::string& body,
                                           reply_fn reply)>;

struct mini_server_options {
  std::string name;
  bool exit_on_signal = true;  // false: the fake that ignores SIGINT and SIGTERM
};

int run_mini_server(const mini_server_options& options, const server_address& address, net::io_context& io,
                    xy_handler handler);
int run_mini_server(const mini_server_options& options, const server_address& address, net::io_context& io,
                    request_handler handler);

}  // namespace lc::harness
