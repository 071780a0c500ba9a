#include <atomic>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/string.hpp>

#include "http_client_mapping.hpp"
#include "http_client_session.hpp"
#include "net_service.hpp"
#include "lc/http_client.hpp"
#include "lc/runtime.hpp"

namespace lc {
namespace {

using namespace detail;

std::string where_text(const HostPort& hp) { return "\"" + hp.host + ":" + std::to_string(hp.port) + "\""; }

void refuse(const address& owner, const ConnectStream& request, const std::string& why, int code) {
  NotConnected refused("cannot connect to " + where_text(request.requested_ipp), why, code);
  refused.request = request;
  detail::post(message(std::move(refused)), owner, owner);
}

// The session's address: messages sent there are encoded on the sender's thread and queued.
address session_address(const std::shared_ptr<http_client_session>& session, const http_client_spec& spec,
                        const address& owner) {
  std::weak_ptr<http_client_session> weak = session;
  return add_external(
      [weak, prefix = spec.prefix, json = spec.layer_cake_json](message m, address to, address from) {
        auto s = weak.lock();
        if (!s) {
          detail::post(Faulted("HTTP request not sent", "the connection is closed"), from, to);
          return;
        }
        if (m.get<Close>()) return s->submit_close(from);
        const auto* request = m.get<HttpRequest>();
        bool head = request && boost::beast::iequals(request->method, "HEAD");
        try {
          s->submit(client_request_bytes(m, prefix, json), from, head);
        } catch (const std::exception& e) {
          detail::post(Faulted("cannot send \"" + m.type_name() + "\"", e.what()), from, to);
        }
      },
      "http-client", owner);
}

}  // namespace

void connect(object& self, const HostPort& where, http_client_spec client) {
  address owner = self.self_address();
  ConnectStream request;
  request.requested_ipp = where;
  request.http_client = client.prefix;
  request.layer_cake_json = client.layer_cake_json;
  boost::system::error_code ec;
  auto ip = net::ip::make_address(where.host, ec);
  if (ec || where.port < 0 || where.port > 65535) {
    refuse(owner, request, ec ? ec.message() : "port out of range", ec.value());
    return;
  }
  auto socket = std::make_shared<tcp::socket>(net::make_strand(net_service::instance().context()));
  tcp::endpoint endpoint(ip, static_cast<unsigned short>(where.port));
  // The timer and the connect share the socket's strand; expiry closes the socket.
  auto timer = std::make_shared<net::steady_timer>(socket->get_executor(), client.connect_timeout);
  auto timed_out = std::make_shared<bool>(false);
  timer->async_wait([socket, timed_out](boost::system::error_code e) {
    if (e) return;
    *timed_out = true;
    socket->close(e);
  });
  socket->async_connect(endpoint, [socket, timer, timed_out, owner, request, client](boost::system::error_code e) {
    timer->cancel();
    if (*timed_out)
      return refuse(owner, request,
                    "not connected within " + std::to_string(client.connect_timeout.count()) + " ms (connect_timeout)", 0);
    if (e) return refuse(owner, request, e.message(), e.value());
    auto session = std::make_shared<http_client_session>(std::move(*socket), client, owner);
    address proxy = session_address(session, client, owner);
    std::weak_ptr<http_client_session> weak = session;
    auto closer = net_service::instance().add_closer([weak] {
      if (auto s = weak.lock()) s->close(EndOfTransport::ON_REQUEST, "process ending");
    });
    session->start(proxy, closer);
    detail::post(Connected{request, session->local, proxy, session->opened_at}, owner, proxy);
  });
}

}  // namespace lc
