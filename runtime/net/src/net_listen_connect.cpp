#include "lc/listen_connect.hpp"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "frame_keeper.hpp"
#include "frame_session.hpp"
#include "http_server_session.hpp"
#include "net_service.hpp"
#include "lc/runtime.hpp"

namespace lc {
namespace {

using namespace detail;

// Everything open, so that the teardown hook can close it; keyed by lid or "proxy id".
struct open_things {
  std::mutex mutex;
  std::unordered_map<std::string, std::function<void()>> closers;
  std::atomic<bool> hooked{false};
};
open_things& things() {
  static open_things t;
  return t;
}
void remember(const std::string& key, std::function<void()> close) {
  std::lock_guard lock(things().mutex);
  things().closers[key] = std::move(close);
}
std::function<void()> forget(const std::string& key) {
  std::lock_guard lock(things().mutex);
  auto found = things().closers.find(key);
  if (found == things().closers.end()) return {};
  auto close = std::move(found->second);
  things().closers.erase(found);
  return close;
}

net::io_context& network() {
  if (!things().hooked.exchange(true)) {
    detail::on_teardown(100, [] {
      std::unordered_map<std::string, std::function<void()>> closers;
      {
        std::lock_guard lock(things().mutex);
        closers.swap(things().closers);
      }
      for (auto& [key, close] : closers) close();
      net_service::instance().shutdown();
      things().hooked = false;
    });
  }
  return net_service::instance().context();
}

std::string new_lid() { return boost::uuids::to_string(boost::uuids::random_generator()()); }

bool valid_port(std::int64_t port) { return port >= 0 && port <= 65535; }

std::string where_text(const HostPort& hp) { return "\"" + hp.host + ":" + std::to_string(hp.port) + "\""; }

void log_net(char tag, const std::string& text) {
  if (logging(tag)) write_log(tag, address{}, "network", "", text);
}

// The keep-alive of one framed connection: its frames go to the peer from the local termination
// (a return address the peer can answer, unlike the proxy's, which would come home as [0]).
std::shared_ptr<frame_keeper> make_keeper(const std::shared_ptr<frame_session>& session, const frame_ends& ends,
                                          double period) {
  std::weak_ptr<frame_session> weak = session;
  address from{ends.local_termination};
  auto send = [weak, ends, from](message m, const address& to) {
    auto s = weak.lock();
    if (!s) return;
    try {
      s->send(encode_frame(m, to, from, ends, s->cap()));
      if (logging(tag::debug)) log_net(tag::debug, "keep-alive " + m.type_name() + " sent to " + to.to_string());
    } catch (const std::exception& e) {
      log_net(tag::warning, "cannot send keep-alive (" + std::string(e.what()) + ")");
    }
  };
  auto went_stale = [weak] {
    if (auto s = weak.lock()) s->close(EndOfTransport::WENT_STALE, "unresponsive");
  };
  return std::make_shared<frame_keeper>(session->executor(), period, std::move(send), std::move(went_stale));
}

// Wires one framed connection to the runtime: a proxy object whose deliver callback encodes on
// the sender's thread, and inbound frames posted to their translated addresses. KeepAlive and
// StillThere stay in the stream layer (the keeper).
address wire_frames(const std::shared_ptr<frame_session>& session, const address& owner, const frame_options& options,
                    const std::function<message(const address& proxy)>& opened) {
  std::weak_ptr<frame_session> weak = session;
  auto ends = std::make_shared<frame_ends>();
  address proxy = add_external(
      [weak, ends](message m, address to, address from) {
        auto s = weak.lock();
        if (!s) return;
        if (to.size() == 1) {
          if (const auto* close = m.get<Close>()) return s->close(close->reason, close->note.value_or(""));
          if (m.get<Stop>()) return s->close();  // the process is ending: a Stop never crosses to the peer
        }
        try {
          s->send(encode_frame(m, to, from, *ends, s->cap()));
        } catch (const std::exception& e) {
          detail::post(Faulted("cannot send \"" + m.type_name() + "\"", e.what()), from, to);
        }
      },
      "frame-connection", owner);
  *ends = frame_ends{proxy.local_id(), owner.local_id()};
  auto keeper = make_keeper(session, *ends, options.keep_alive_period);
  std::string key = std::to_string(proxy.local_id());
  remember(key, [weak] {
    if (auto s = weak.lock()) s->close(EndOfTransport::ON_REQUEST, "process ending");
  });
  detail::post(opened(proxy), owner, proxy);
  frame_session::events events;
  events.frame = [ends, keeper](raw_frame f) {
    inbound_frame in = decode_frame(std::move(f), *ends);  // throws: this connection closes with the reason
    if (keeper->take(in.body, in.return_address)) return;
    detail::post(std::move(in.body), in.to, in.return_address);
  };
  events.closed = [weak, owner, proxy, key, keeper](EndOfTransport reason, std::string note) {
    keeper->stop();
    forget(key);
    Closed closed;
    closed.reason = reason;
    if (!note.empty()) closed.note = note;
    if (auto s = weak.lock()) {
      closed.opened_ipp = s->remote;
      closed.opened_at = s->opened_at;
    }
    detail::post(message(std::move(closed)), owner, proxy);
    remove_external(proxy);
  };
  session->start(std::move(events));
  if (options.keep_alive)
    net::dispatch(session->executor(), [keeper, proxy] { keeper->start(proxy); });  // after start()
  return proxy;
}

class frame_listener : public std::enable_shared_from_this<frame_listener> {
 public:
  frame_listener(net::io_context& c, frame_options options)
      : context_(c), acceptor_(net::make_strand(c)), options_(options) {}
  HostPort open(const HostPort& where) {
    tcp::endpoint endpoint(net::ip::make_address(where.host), static_cast<unsigned short>(where.port));
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    auto bound = acceptor_.local_endpoint();
    return HostPort{bound.address().to_string(), bound.port()};
  }
  void start(address owner, Listening listening) {
    owner_ = owner;
    listening_ = std::move(listening);
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->accept_next(); });
  }
  void stop() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept_next() {
    acceptor_.async_accept(net::make_strand(context_), [self = shared_from_this()](boost::system::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
      if (ec) {
        log_net(tag::warning, "accept failed (" + ec.message() + "), retrying");
      } else {
        auto session = std::make_shared<frame_session>(std::move(s), self->options_.frame_cap);
        Listening listening = self->listening_;
        wire_frames(session, self->owner_, self->options_, [session, listening](const address& proxy) {
          return message(Accepted{listening, session->remote, proxy, session->opened_at});
        });
      }
      self->accept_next();
    });
  }
  net::io_context& context_;
  tcp::acceptor acceptor_;
  frame_options options_;
  address owner_;
  Listening listening_;
};

template <class Opener>
std::string start_listening(object& self, const HostPort& where, ListenForStream request, Opener open) {
  request.lid = new_lid();
  request.requested_ipp = where;
  address owner = self.self_address();
  try {
    if (!valid_port(where.port)) throw std::invalid_argument("port out of range (0-65535)");
    HostPort bound = open(request);
    detail::post(Listening{request, bound, owner}, owner, owner);
  } catch (const boost::system::system_error& e) {
    NotListening refused("cannot listen at " + where_text(where), e.code().message(), e.code().value());
    refused.request = request;
    detail::post(message(std::move(refused)), owner, owner);
  } catch (const std::exception& e) {
    NotListening refused("cannot listen at " + where_text(where), e.what(), 0);
    refused.request = request;
    detail::post(message(std::move(refused)), owner, owner);
  }
  return request.lid;
}

}  // namespace

std::string listen(object& self, const HostPort& where, http_server_spec server) {
  ListenForStream request;
  for (const auto* t : server.types) request.http_server.push_back(t->name);
  address owner = self.self_address();
  return start_listening(self, where, request, [&](ListenForStream& req) {
    auto types = std::make_shared<http_type_table>(make_type_table(server.types));
    auto events = std::make_shared<http_server_events>();
    auto listener = std::make_shared<http_listener>(network(), types, server.options, events);
    HostPort bound = listener->open(where);
    Listening listening{req, bound, owner};
    events->accepted = [owner, listening](const std::shared_ptr<http_session>& s) {
      std::weak_ptr<http_session> weak = s;
      address proxy = add_external(
          [weak](message m, address to, address) {
            auto session = weak.lock();
            if (!session) return log_net(tag::warning, "reply \"" + m.type_name() + "\" to a closed HTTP connection dropped");
            if (to.size() == 1) {
              if (m.get<Close>() || m.get<Stop>()) return session->close();  // Stop: the process is ending
              return log_net(tag::warning, "\"" + m.type_name() + "\" sent to an HTTP connection, not to a request: dropped");
            }
            if (session->gone()) return session->answer(to[0], {});  // only frees the request's place
            session->answer(to[0], response_for(m));  // encoded here, on the replying object's thread
          },
          "http-connection", owner);
      s->proxy_id = proxy.local_id();
      remember(std::to_string(proxy.local_id()), [weak] {
        if (auto session = weak.lock()) session->close(EndOfTransport::ON_REQUEST, "process ending");
      });
      detail::post(Accepted{listening, s->remote, proxy, s->opened_at}, owner, proxy);
    };
    events->request = [owner](const std::shared_ptr<http_session>& s, message m, std::uint32_t seq) {
      if (!detail::post(std::move(m), owner, address{seq, s->proxy_id}))
        s->answer(seq, fault_response(503, "server unavailable", "the listening object has ended"));
    };
    events->closed = [owner](const std::shared_ptr<http_session>& s, EndOfTransport reason, std::string note) {
      forget(std::to_string(s->proxy_id));
      Closed closed;
      closed.reason = reason;
      if (!note.empty()) closed.note = note;
      closed.opened_ipp = s->remote;
      closed.opened_at = s->opened_at;
      detail::post(message(std::move(closed)), owner, address{s->proxy_id});
      retire_external(address{s->proxy_id});  // its requests' work is stopped; late replies still arrive
    };
    events->drained = [](const std::shared_ptr<http_session>& s) { remove_external(address{s->proxy_id}); };
    listener->start();
    remember(req.lid, [listener] { listener->stop(); });
    return bound;
  });
}

std::string listen(object& self, const HostPort& where, frame_options options) {
  address owner = self.self_address();
  return start_listening(self, where, ListenForStream{}, [&](ListenForStream& req) {
    auto listener = std::make_shared<frame_listener>(network(), options);
    HostPort bound = listener->open(where);
    listener->start(owner, Listening{req, bound, owner});
    remember(req.lid, [listener] { listener->stop(); });
    return bound;
  });
}

void connect(object& self, const HostPort& where, frame_options options) {
  address owner = self.self_address();
  ConnectStream request;
  request.requested_ipp = where;
  request.keep_alive = options.keep_alive;
  auto& context = network();
  auto socket = std::make_shared<tcp::socket>(net::make_strand(context));
  boost::system::error_code ec;
  auto address_of = net::ip::make_address(where.host, ec);
  if (ec || !valid_port(where.port)) {
    NotConnected refused("cannot connect to " + where_text(where), ec ? ec.message() : "port out of range (0-65535)",
                         ec.value());
    refused.request = request;
    detail::post(message(std::move(refused)), owner, owner);
    return;
  }
  tcp::endpoint endpoint(address_of, static_cast<unsigned short>(where.port));
  socket->async_connect(endpoint, [socket, owner, request, where, options](boost::system::error_code e) {
    if (e) {
      NotConnected refused("cannot connect to " + where_text(where), e.message(), e.value());
      refused.request = request;
      detail::post(message(std::move(refused)), owner, owner);
      return;
    }
    auto session = std::make_shared<frame_session>(std::move(*socket), options.frame_cap);
    wire_frames(session, owner, options, [session, request](const address& proxy) {
      return message(Connected{request, session->local, proxy, session->opened_at});
    });
  });
}

void stop_listening(object& self, const std::string& lid) {
  address owner = self.self_address();
  ListenForStream request;
  request.lid = lid;
  if (auto close = forget(lid)) {
    close();
    detail::post(message(NotListening("stopped listening", "stop_listening(\"" + lid + "\")", 0)), owner, owner);
  } else {
    detail::post(message(NotListening("cannot stop listening", "no such entry \"" + lid + "\"", 0)), owner, owner);
  }
}

}  // namespace lc
