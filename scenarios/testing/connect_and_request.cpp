#include "connect_and_request.hpp"

#include <random>

#include "client_stats.hpp"
#include "test_api.hpp"

namespace {

// The request-response cycle every variant shares: the next random Xy, the check of its table.
class request_cycle {
 public:
  explicit request_cycle(const client_settings& settings) : settings_(settings), remaining_(settings.request_count) {}

  Xy next_request() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uniform_int_distribution<std::int64_t> size(1, std::max<std::int64_t>(1, settings_.big_table));
    sent_ = Xy{size(random), size(random)};
    return sent_;
  }
  bool matches(const table_type& table) const {
    auto y = static_cast<std::int64_t>(table.size());
    auto x = table.empty() ? 0 : static_cast<std::int64_t>(table[0].size());
    return x == sent_.x && y == sent_.y;
  }
  // Counts one request done; true when there are more to send.
  bool another() { return --remaining_ > 0; }
  double pause() const { return lc::spread_out(settings_.slow_down); }
  const client_settings& settings() const { return settings_; }

  lc::address client;  // the HTTP client session
  bool closing = false;

 private:
  client_settings settings_;
  std::int64_t remaining_;
  Xy sent_;
};

lc::Faulted not_matching() { return lc::Faulted("not the matching table"); }
lc::Faulted closed_by_server(const lc::Closed& c) {
  return lc::Faulted("connection closed by the server", c.note.value_or("no reason given"));
}

// The stateless variants; D says where it runs.
template <class D>
class stateless_client : public lc::stateless<D, lc::Start, lc::Connected, lc::NotConnected, table_type, lc::Busy,
                                              lc::T1, lc::Closed, lc::Stop, lc::Faulted> {
 public:
  explicit stateless_client(const client_settings& settings) : cycle_(settings) {}

  void on(const lc::Start&) { lc::connect(*this, cycle_.settings().server_address, lc::http_client("/")); }
  void on(const lc::Connected&) {
    cycle_.client = this->return_address();
    send_request();
  }
  void on(const lc::NotConnected& n) {
    stats().fault("NotConnected");
    this->complete(n);
  }
  void on(const table_type& table) {
    if (!cycle_.matches(table)) {
      stats().mismatched();
      end(not_matching());
    }
    stats().completed();
    next();
  }
  void on(const lc::Busy&) {
    stats().fault("Busy");
    next();
  }
  void on(const lc::T1&) { send_request(); }
  void on(const lc::Closed& c) {
    if (!cycle_.closing) end(closed_by_server(c));
    this->complete(lc::Ack{});
  }
  void on(const lc::Stop&) { end(lc::Aborted{}); }
  void on(const lc::Faulted&) {
    stats().fault(this->received().type_name());
    end(this->received());
  }

 private:
  void send_request() { this->send(cycle_.next_request(), cycle_.client); }
  void next() {
    if (!cycle_.another()) {
      cycle_.closing = true;
      this->send(lc::Close{}, cycle_.client);
      return;
    }
    this->template start<lc::T1>(cycle_.pause());
  }
  // Completes early, closing the connection first so that nothing is left open.
  [[noreturn]] void end(lc::message value) {
    if (cycle_.client && !cycle_.closing) this->send(lc::Close{}, cycle_.client);
    this->complete(std::move(value));
  }
  request_cycle cycle_;
};

struct ConnectAndRequest : stateless_client<ConnectAndRequest> {
  static constexpr bool threaded = true;
  using stateless_client::stateless_client;
};
struct ConnectAndRequestNotThreaded : stateless_client<ConnectAndRequestNotThreaded> {
  using stateless_client::stateless_client;
};
struct ConnectAndRequestNamedThread : stateless_client<ConnectAndRequestNamedThread> {
  static constexpr std::string_view thread_name = "connect-and-request";
  using stateless_client::stateless_client;
};

enum class client_state { INITIAL, CONNECTING, REQUESTING, GLARING, CLOSING };
BOOST_DESCRIBE_ENUM(client_state, INITIAL, CONNECTING, REQUESTING, GLARING, CLOSING)
using enum client_state;

class ConnectAndRequestStateMachine
    : public lc::state_machine<ConnectAndRequestStateMachine, client_state, lc::Start, lc::Connected, lc::NotConnected,
                               table_type, lc::Busy, lc::T1, lc::Closed, lc::Stop, lc::Faulted> {
 public:
  explicit ConnectAndRequestStateMachine(const client_settings& settings) : state_machine(INITIAL), cycle_(settings) {}

  client_state on(lc::in<INITIAL>, const lc::Start&) {
    lc::connect(*this, cycle_.settings().server_address, lc::http_client("/"));
    return CONNECTING;
  }
  client_state on(lc::in<CONNECTING>, const lc::Connected&) {
    cycle_.client = return_address();
    send(cycle_.next_request(), cycle_.client);
    return REQUESTING;
  }
  void on(lc::in<CONNECTING>, const lc::NotConnected& n) {
    stats().fault("NotConnected");
    complete(n);
  }
  client_state on(lc::in<REQUESTING>, const table_type& table) {
    if (!cycle_.matches(table)) {
      stats().mismatched();
      end(not_matching());
    }
    stats().completed();
    return next();
  }
  client_state on(lc::in<REQUESTING>, const lc::Busy&) {
    stats().fault("Busy");
    return next();
  }
  client_state on(lc::in<GLARING>, const lc::T1&) {
    send(cycle_.next_request(), cycle_.client);
    return REQUESTING;
  }
  void on(lc::in<CLOSING>, const lc::Closed&) { complete(lc::Ack{}); }
  template <client_state S>
  void on(lc::in<S>, const lc::Closed& c) {
    end(closed_by_server(c));
  }
  template <client_state S>
  void on(lc::in<S>, const lc::Stop&) {
    end(lc::Aborted{});
  }
  template <client_state S>
  void on(lc::in<S>, const lc::Faulted&) {
    stats().fault(received().type_name());
    end(received());
  }

 private:
  client_state next() {
    if (!cycle_.another()) {
      cycle_.closing = true;
      send(lc::Close{}, cycle_.client);
      return CLOSING;
    }
    start<lc::T1>(cycle_.pause());
    return GLARING;
  }
  [[noreturn]] void end(lc::message value) {
    if (cycle_.client && !cycle_.closing) send(lc::Close{}, cycle_.client);
    complete(std::move(value));
  }
  request_cycle cycle_;
};

// clients_as_threads_2's client: the connection is its parent's; it completes with Ack.
class ConnectAndRequestShared
    : public lc::stateless<ConnectAndRequestShared, lc::Start, table_type, lc::Busy, lc::T1, lc::Stop, lc::Faulted> {
 public:
  static constexpr bool threaded = true;
  ConnectAndRequestShared(const lc::address& session, const client_settings& settings) : cycle_(settings) {
    cycle_.client = session;
  }
  void on(const lc::Start&) { send(cycle_.next_request(), cycle_.client); }
  void on(const table_type& table) {
    if (!cycle_.matches(table)) {
      stats().mismatched();
      complete(not_matching());
    }
    stats().completed();
    next();
  }
  void on(const lc::Busy&) {
    stats().fault("Busy");
    next();
  }
  void on(const lc::T1&) { send(cycle_.next_request(), cycle_.client); }
  void on(const lc::Stop&) { complete(lc::Aborted{}); }
  void on(const lc::Faulted&) {
    stats().fault(received().type_name());
    complete(received());
  }

 private:
  void next() {
    if (!cycle_.another()) complete(lc::Ack{});
    start<lc::T1>(cycle_.pause());
  }
  request_cycle cycle_;
};

}  // namespace

bool known_client_type(const std::string& t) {
  return t == "threaded" || t == "not_threaded" || t == "named_thread" || t == "state_machine";
}

lc::address create_client(lc::object& parent, const std::string& client_type, const client_settings& settings) {
  if (client_type == "not_threaded") return parent.create<ConnectAndRequestNotThreaded>(settings);
  if (client_type == "named_thread") return parent.create<ConnectAndRequestNamedThread>(settings);
  if (client_type == "state_machine") return parent.create<ConnectAndRequestStateMachine>(settings);
  return parent.create<ConnectAndRequest>(settings);
}

lc::address create_shared_connection_client(lc::object& parent, const lc::address& session,
                                            const client_settings& settings) {
  return parent.create<ConnectAndRequestShared>(session, settings);
}
