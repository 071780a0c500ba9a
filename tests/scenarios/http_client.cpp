#include "http_client.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace scenario_test {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string trimmed(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  auto last = text.find_last_not_of(" \t\r");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

}  // namespace

std::string http_response::header(const std::string& lower_name) const {
  auto found = headers.find(lower_name);
  return found == headers.end() ? std::string() : found->second;
}

http_connection::http_connection(unsigned short port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::string reason = std::strerror(errno);
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + " (" + reason + ")");
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

http_connection::~http_connection() { ::close(fd_); }

void http_connection::send_get(const std::string& target) { send_raw(get_request(target)); }

void http_connection::send_raw(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error(std::string("cannot send request: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
}

bool http_connection::try_send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

bool http_connection::wait_readable(std::chrono::steady_clock::duration within) {
  pollfd p{fd_, POLLIN, 0};
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(within).count();
  return ::poll(&p, 1, static_cast<int>(ms)) == 1;
}

void http_connection::reset() {
  linger hard{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(fd_);
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);  // unconnected, so the destructor has one to close
}

std::optional<http_response> http_connection::take_response(bool no_body) {
  auto end = buffer_.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  http_response response;
  std::size_t line_end = buffer_.find("\r\n");
  std::string status_line = buffer_.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return std::nullopt;
  response.status = std::stoi(status_line.substr(9, 3));
  for (std::size_t at = line_end + 2; at < end;) {
    auto next = buffer_.find("\r\n", at);
    std::string line = buffer_.substr(at, next - at);
    auto colon = line.find(':');
    if (colon != std::string::npos) response.headers[lower(line.substr(0, colon))] = trimmed(line.substr(colon + 1));
    at = next + 2;
  }
  std::size_t length = 0;
  if (auto text = response.header("content-length"); !text.empty() && !no_body) length = std::stoul(text);
  if (buffer_.size() < end + 4 + length) return std::nullopt;
  response.body = buffer_.substr(end + 4, length);
  buffer_.erase(0, end + 4 + length);
  return response;
}

std::optional<http_response> http_connection::read_response(std::chrono::steady_clock::duration within,
                                                            bool no_body) {
  auto deadline = std::chrono::steady_clock::now() + within;
  char chunk[65536];
  for (;;) {
    if (auto response = take_response(no_body)) return response;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string get_request(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

std::string xy_target(long long x, long long y) {
  return "/Xy?x=" + std::to_string(x) + "&y=" + std::to_string(y);
}

std::optional<http_response> http_get(unsigned short port, const std::string& target,
                                      std::chrono::steady_clock::duration within) {
  http_connection connection(port);
  connection.send_get(target);
  return connection.read_response(within);
}

}  // namespace scenario_test
