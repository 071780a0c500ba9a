#pragma once
// A tiny blocking HTTP/1.1 client on a raw loopback socket: requests can be pipelined (sent
// before earlier responses are read), and every read has a deadline, so a missing response
// fails the test instead of hanging it.
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace scenario_test {

struct http_response {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& lower_name) const;
};

class http_connection {
 public:
  explicit http_connection(unsigned short port);
  ~http_connection();
  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;

  void send_get(const std::string& target);
  void send_raw(const std::string& bytes);
  // send_raw that stops quietly when the server closes or resets the connection.
  bool try_send(const std::string& bytes);
  // The next whole response, or nothing at the deadline, on EOF or on a broken response.
  // A reply to HEAD has the headers of GET and no body: pass `no_body`.
  std::optional<http_response> read_response(std::chrono::steady_clock::duration within, bool no_body = false);
  // True once the server has sent something (nothing is consumed).
  bool wait_readable(std::chrono::steady_clock::duration within);
  // Closes with SO_LINGER 0: the server sees a reset, not an orderly close.
  void reset();

 private:
  std::optional<http_response> take_response(bool no_body);
  int fd_ = -1;
  std::string buffer_;
};

std::string get_request(const std::string& target);
std::string xy_target(long long x, long long y);  // /Xy?x=..&y=..

// One request on a fresh connection.
std::optional<http_response> http_get(unsigned short port, const std::string& target,
                                      std::chrono::steady_clock::duration within = std::chrono::seconds(10));

}  // namespace scenario_test
