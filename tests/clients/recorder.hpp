#pragma once
// A loopback server for client tests: accepts connections on an ephemeral port, records each
// request's exact bytes and answers with the next scripted reply (bytes, or closing mid-way).
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

namespace client_test {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct scripted_reply {
  std::string bytes;
  bool close_after = false;  // close the connection once `bytes` are written
};

class recorder {
 public:
  explicit recorder(std::vector<scripted_reply> replies) : replies_(std::move(replies)) {
    acceptor_.open(tcp::v4());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~recorder() {
    stop_ = true;
    boost::system::error_code ec;
    {
      std::lock_guard lock(mutex_);
      if (socket_) socket_->shutdown(tcp::socket::shutdown_both, ec);
    }
    net::io_context waker;  // a blocked accept() returns for this connection
    tcp::socket knock(waker);
    knock.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), ec);
    thread_.join();
  }
  unsigned short port() const { return port_; }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    std::size_t next = 0;
    while (!stop_ && next < replies_.size()) {
      boost::system::error_code ec;
      tcp::socket s(context_);
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      {
        std::lock_guard lock(mutex_);
        socket_ = &s;
      }
      std::string pending;
      while (next < replies_.size()) {
        std::string request = read_request(s, pending);
        if (request.empty()) break;
        {
          std::lock_guard lock(mutex_);
          requests_.push_back(request);
        }
        const auto& reply = replies_[next++];
        net::write(s, net::buffer(reply.bytes), ec);
        if (ec || reply.close_after) break;
      }
      std::lock_guard lock(mutex_);
      socket_ = nullptr;
      s.close(ec);
    }
  }
  // One request: headers, then Content-Length bytes of body.
  static std::string read_request(tcp::socket& s, std::string& pending) {
    char chunk[4096];
    for (;;) {
      auto end = pending.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        auto at = pending.find("Content-Length: ");
        if (at != std::string::npos && at < end) length = std::stoul(pending.substr(at + 16));
        if (pending.size() >= end + 4 + length) {
          std::string request = pending.substr(0, end + 4 + length);
          pending.erase(0, end + 4 + length);
          return request;
        }
      }
      boost::system::error_code ec;
      std::size_t n = s.read_some(net::buffer(chunk), ec);
      if (ec) return {};
      pending.append(chunk, n);
    }
  }

  net::io_context context_;
  tcp::acceptor acceptor_{context_};
  unsigned short port_ = 0;
  std::vector<scripted_reply> replies_;
  mutable std::mutex mutex_;
  tcp::socket* socket_ = nullptr;
  std::vector<std::string> requests_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace client_test
