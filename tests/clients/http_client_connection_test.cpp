// The HTTP client on one connection: a HEAD reply has no body to wait for, and a server that does
// not accept, read or answer ends the wait with a Faulted naming the timeout that expired.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "../net/test_types.hpp"
#include "lc/http_client.hpp"
#include "lc/runtime.hpp"
#include "recorder.hpp"

namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
using client_test::net::ip::tcp;
using test_api::Xy;

constexpr auto short_timeout = 300ms;

// A listening socket that never accepts: the kernel completes connections and takes their bytes
// until its buffers are full, and nothing ever answers.
struct unaccepting_port {
  client_test::net::io_context context;
  tcp::acceptor acceptor{context};
  explicit unaccepting_port(int backlog = 16) {
    acceptor.open(tcp::v4());
    acceptor.bind(tcp::endpoint(client_test::net::ip::make_address("127.0.0.1"), 0));
    acceptor.listen(backlog);
  }
  int port() const { return acceptor.local_endpoint().port(); }
};

// Connects without blocking until one connection stays pending: the accept queue is full, and
// the next SYN is dropped.
std::vector<tcp::socket> fill_accept_queue(unaccepting_port& server) {
  std::vector<tcp::socket> fillers;
  for (int i = 0; i < 8; ++i) {
    auto& s = fillers.emplace_back(server.context);
    s.open(tcp::v4());
    ::fcntl(s.native_handle(), F_SETFL, O_NONBLOCK);  // asio's own connect would wait for the end
    tcp::endpoint to(client_test::net::ip::make_address("127.0.0.1"), server.port());
    (void)::connect(s.native_handle(), to.data(), static_cast<socklen_t>(to.size()));
    pollfd p{s.native_handle(), POLLOUT, 0};
    if (::poll(&p, 1, 200) == 0) break;  // still connecting after 200 ms: dropped
  }
  return fillers;
}

lc::http_client_spec short_timeouts() {
  auto spec = lc::http_client();
  spec.connect_timeout = short_timeout;
  spec.read_timeout = short_timeout;
  spec.write_timeout = short_timeout;
  return spec;
}

struct outcome {
  lc::message received;       // the reply to `sent`, or the NotConnected
  clock_type::duration waited{};  // from the send (or the connect) to `received`
};

// Connects, sends `sent` and waits up to 5 s for what comes back.
outcome send_one(int port, const lc::message& sent, const lc::http_client_spec& spec) {
  outcome result;
  lc::run_main([&](lc::channel& self) {
    auto started = clock_type::now();
    lc::connect(self, lc::HostPort{"127.0.0.1", port}, spec);
    auto connected = self.input(5.0);
    if (!connected || !connected->is<lc::Connected>()) {
      if (connected) result.received = *connected;
      result.waited = clock_type::now() - started;
      return;
    }
    lc::address client = self.return_address();
    started = clock_type::now();
    self.send(sent, client);
    if (auto m = self.input(5.0)) result.received = *m;
    result.waited = clock_type::now() - started;
    self.send(lc::Close{}, client);
    self.input(5.0);
  });
  return result;
}

std::string fault_text(const lc::message& m) {
  const auto* f = m.get<lc::Faulted>();
  return f ? f->to_string() : "not a Faulted: " + m.type_name();
}

void expect_timed_out(const outcome& got, const std::string& option) {
  ASSERT_NE(got.received.get<lc::Faulted>(), nullptr) << fault_text(got.received);
  EXPECT_NE(fault_text(got.received).find(option), std::string::npos) << fault_text(got.received);
  EXPECT_GE(got.waited, short_timeout);
  EXPECT_LT(got.waited, 2s);
}

TEST(http_client_timeouts, a_server_that_never_answers_gives_a_faulted_naming_read_timeout) {
  unaccepting_port server;
  expect_timed_out(send_one(server.port(), Xy{2, 2}, short_timeouts()), "read_timeout");
}

TEST(http_client_timeouts, a_server_that_never_reads_gives_a_faulted_naming_write_timeout) {
  unaccepting_port server;
  lc::HttpRequest big;
  big.method = "POST";
  big.body = std::string(64u << 20, 'x');  // more than the socket buffers of both ends hold
  expect_timed_out(send_one(server.port(), big, short_timeouts()), "write_timeout");
}

TEST(http_client_timeouts, a_connection_never_accepted_gives_not_connected_naming_connect_timeout) {
  unaccepting_port server(0);
  auto fillers = fill_accept_queue(server);
  auto got = send_one(server.port(), Xy{2, 2}, short_timeouts());
  ASSERT_NE(got.received.get<lc::NotConnected>(), nullptr) << fault_text(got.received);
  expect_timed_out(got, "connect_timeout");
}

TEST(http_client, a_head_reply_has_no_body_and_the_next_reply_on_the_connection_is_whole) {
  std::string table_json = R"({"value":["vector<vector<float8>>",[[0.5,0.5],[0.5,0.5]],[]]})";
  std::string headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(table_json.size()) + "\r\n\r\n";
  client_test::recorder server({{headers}, {headers + table_json}});
  lc::message head_reply, get_reply;
  lc::run_main([&](lc::channel& self) {
    lc::connect(self, lc::HostPort{"127.0.0.1", server.port()}, lc::http_client());
    auto connected = self.input(5.0);
    if (!connected || !connected->is<lc::Connected>()) return;
    lc::address client = self.return_address();
    lc::HttpRequest head;
    head.method = "HEAD";
    head.request_uri = "Xy?x=2&y=2";
    self.send(head, client);
    self.send(Xy{2, 2}, client);
    if (auto m = self.input(5.0)) head_reply = *m;
    if (auto m = self.input(5.0)) get_reply = *m;
    self.send(lc::Close{}, client);
    self.input(5.0);
  });
  const auto* head = head_reply.get<lc::HttpResponse>();
  ASSERT_NE(head, nullptr) << "HEAD: " << head_reply.type_name();
  EXPECT_EQ(head->status_code, 200);
  EXPECT_EQ(head->header.at("Content-Length"), std::to_string(table_json.size()));
  EXPECT_FALSE(head->body && !head->body->empty()) << *head->body;
  EXPECT_TRUE(get_reply.is<table>()) << "GET: " << get_reply.type_name();
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_TRUE(server.requests()[0].starts_with("HEAD /Xy?x=2&y=2 HTTP/1.1\r\n")) << server.requests()[0];
}

}  // namespace
