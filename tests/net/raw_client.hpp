#pragma once
// A blocking loopback client (or accepted peer) for tests: every read carries a receive timeout
// (5 s unless set), so a missing response or frame fails the test instead of hanging it.
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <optional>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

class raw_client {
 public:
  explicit raw_client(unsigned short port) : socket_(context_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    set_up();
  }
  // The accepted end of a connection made to `acceptor`.
  explicit raw_client(boost::asio::ip::tcp::acceptor& acceptor) : socket_(context_) {
    acceptor.accept(socket_);
    set_up();
  }
  void send(std::string_view bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size())); }
  // For a peer that may answer and close before it has read everything: false once it has.
  bool try_send(std::string_view bytes) {
    boost::system::error_code ec;
    boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }
  void shutdown_send() { socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send); }
  void close() { socket_.close(); }
  // An abortive close: the peer sees a reset, not an orderly end.
  void abort() {
    socket_.set_option(boost::asio::socket_base::linger(true, 0));
    socket_.close();
  }
  // Every read waits `seconds` at most.
  void read_timeout(int seconds) {
    timeval tv{seconds, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  // One whole frame of the internal protocol (`n0,n1,n3\n` + n3 bytes + `\n`), or nothing.
  std::optional<std::string> frame() {
    while (true) {
      auto line = buffer_.find('\n');
      if (line != std::string::npos) {
        std::size_t n3 = std::stoul(buffer_.substr(buffer_.rfind(',', line) + 1, line));
        if (buffer_.size() >= line + 1 + n3 + 1) {
          std::string one = buffer_.substr(0, line + 1 + n3 + 1);
          buffer_.erase(0, one.size());
          return one;
        }
      }
      if (!fill()) return std::nullopt;
    }
  }

  // One whole response (headers + Content-Length body), or nothing on EOF/timeout.
  std::optional<std::string> response() {
    while (true) {
      auto end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        auto cl = buffer_.find("Content-Length: ");
        if (cl != std::string::npos && cl < end) length = std::stoul(buffer_.substr(cl + 16));
        if (buffer_.size() >= end + 4 + length) {
          std::string one = buffer_.substr(0, end + 4 + length);
          buffer_.erase(0, end + 4 + length);
          return one;
        }
      }
      if (!fill()) return std::nullopt;
    }
  }
  // The status line and headers of one response, leaving what follows (as for a reply to HEAD).
  std::optional<std::string> response_without_body() {
    while (true) {
      auto end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::string one = buffer_.substr(0, end + 4);
        buffer_.erase(0, end + 4);
        return one;
      }
      if (!fill()) return std::nullopt;
    }
  }
  // True when the server closed the connection (EOF) with nothing more to read.
  bool closed_by_server() {
    while (fill()) {}
    return eof_;
  }

 private:
  void set_up() {
    read_timeout(5);
    socket_.set_option(boost::asio::ip::tcp::no_delay(true));
  }
  // recv() itself, not Asio's read_some: on the receive timeout (EAGAIN) Asio would poll on
  // with no timeout at all.
  bool fill() {
    char chunk[65536];
    ssize_t n = ::recv(socket_.native_handle(), chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = n == 0 || errno == ECONNRESET;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  boost::asio::io_context context_;
  boost::asio::ip::tcp::socket socket_;
  std::string buffer_;
  bool eof_ = false;
};

inline int status_of(const std::string& response) { return std::stoi(response.substr(9, 3)); }
inline std::string body_of(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

// A frame as the reference writes it: `n0,n1,n3\n` header body book `\n`.
inline std::string frame_of(const std::string& header, const std::string& body) {
  std::string book = R"({"value":[]})";
  return std::to_string(header.size()) + "," + std::to_string(body.size()) + "," +
         std::to_string(header.size() + body.size() + book.size()) + "\n" + header + body + book + "\n";
}

// An address as a frame header writes it: [12,34].
inline std::string route(std::initializer_list<std::uint32_t> ids) {
  std::string text = "[";
  for (auto id : ids) text += (text.size() > 1 ? "," : "") + std::to_string(id);
  return text + "]";
}
