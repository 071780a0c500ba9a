#include "lc/listen_connect.hpp"

#include <atomic>

#include <boost/asio/strand.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "acceptor.hpp"
#include "frame_link.hpp"
#include "http_server_session.hpp"
#include "net_service.hpp"
#include "lc/runtime.hpp"

namespace lc {
namespace {

using namespace detail;

void remember(const std::string& key, std::function<void()> close) {
  net_service::instance().add_closer(key, std::move(close));
}
std::function<void()> forget(const std::string& key) { return net_service::instance().take_closer(key); }
net::io_context& network() { return net_service::instance().context(); }

std::string new_lid() { return boost::uuids::to_string(boost::uuids::random_generator()()); }

std::string where_text(const HostPort& hp) { return "\"" + hp.host + ":" + std::to_string(hp.port) + "\""; }

void log_net(char tag, const std::string& text) {
  if (logging(tag)) write_log(tag, address{}, "network", "", text);
}

template <class Opener>
std::string start_listening(object& self, const HostPort& where, ListenForStream request, Opener open) {
  request.lid = new_lid();
  request.requested_ipp = where;
  address owner = self.self_address();
  try {
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
  for (const auto& f : server.forms) request.http_server.push_back(f.type->name);
  request.uri_form = server.uri_form;
  request.default_to_request = server.default_to_request;
  address owner = self.self_address();
  return start_listening(self, where, request, [&](ListenForStream& req) {
    auto routes = std::make_shared<http_routes>();
    routes->types = make_type_table(std::move(server.forms));
    if (server.uri_form) routes->form = std::make_shared<const compiled_form>(compile_form(*server.uri_form));
    routes->default_to_request = server.default_to_request;
    std::string_view server_name = routes->server();
    auto events = std::make_shared<http_server_events>();
    auto listener = std::make_shared<http_listener>(network(), routes, server.options, events);
    HostPort bound = listener->open(where);
    Listening listening{req, bound, owner};
    events->accepted = [owner, listening, server_name](const std::shared_ptr<http_session>& s) {
      std::weak_ptr<http_session> weak = s;
      address proxy = add_external(
          [weak, server_name](message m, address to, address) {
            auto session = weak.lock();
            if (!session) return log_net(tag::warning, "reply \"" + m.type_name() + "\" to a closed HTTP connection dropped");
            if (to.size() == 1) {
              if (m.get<Close>() || m.get<Stop>()) return session->close();  // Stop: the process is ending
              return log_net(tag::warning, "\"" + m.type_name() + "\" sent to an HTTP connection, not to a request: dropped");
            }
            if (session->gone()) return session->answer(to[0], {});  // only frees the request's place
            // Encoded here, on the replying object's thread.
            session->answer(to[0], response_for(m, true, server_name));
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
    auto listener = std::make_shared<acceptor>(network());
    HostPort bound = listener->open(where);
    Listening listening{req, bound, owner};
    auto live = std::make_shared<std::atomic<std::size_t>>(0);
    listener->start([owner, listening, options, live](tcp::socket s) {
      if (*live >= options.max_connections) {
        write_log(tag::warning, address{}, "network", "",
                  "framed connection refused: " + std::to_string(options.max_connections) + " open (max_connections)");
        boost::system::error_code ec;
        s.close(ec);
        return;
      }
      ++*live;
      auto session = std::make_shared<frame_session>(std::move(s), options);
      wire_frames(
          session, owner, options,
          [session, listening](const address& proxy) {
            return message(Accepted{listening, session->remote, proxy, session->opened_at});
          },
          [live] { --*live; });
    });
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
    frame_options connecting = options;
    connecting.idle_timeout = {};  // the connector's silence check is its keep-alive
    auto session = std::make_shared<frame_session>(std::move(*socket), connecting);
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
