#include "frame_link.hpp"

#include <bit>

#include <boost/asio/dispatch.hpp>

#include "frame_grants.hpp"
#include "frame_keeper.hpp"
#include "net_service.hpp"
#include "work_cancelled.hpp"
#include "lc/log.hpp"
#include "lc/runtime.hpp"

namespace lc::detail {
namespace {

void log_net(char tag, const std::string& text) {
  if (logging(tag)) write_log(tag, address{}, "network", "", text);
}

struct link_state {
  frame_ends ends;
  frame_grants grants{ends};
};

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

// A hostile peer may send many: the first, the second, the fourth ... are logged.
void log_refused(const inbound_frame& in, const HostPort& peer, std::uint64_t refused) {
  if (!std::has_single_bit(refused)) return;
  write_log(tag::warning, address{}, "network", "",
            "frame " + in.body.type_name() + " from " + peer.host + ":" + std::to_string(peer.port) + " to " +
                in.to.to_string() + " dropped: that address was never sent to this peer (" + std::to_string(refused) +
                " dropped on this link)");
}

// Tells the peer of each stopped work id that went out on this link.
std::uint64_t announce_cancelled(const std::weak_ptr<frame_session>& weak, const std::shared_ptr<link_state>& link,
                                 const address& proxy) {
  return add_cancel_listener([weak, link, proxy](const std::vector<std::uint32_t>& work) {
    auto s = weak.lock();
    if (!s) return;
    for (auto id : work) {
      address from(id);
      if (!link->grants.carried(from)) continue;
      try {
        s->send(encode_frame(WorkCancelled{}, proxy, from, link->ends, s->cap()));
      } catch (const std::exception& e) {
        log_net(tag::warning, "cannot send WorkCancelled (" + std::string(e.what()) + ")");
      }
    }
  });
}

}  // namespace

address wire_frames(const std::shared_ptr<frame_session>& session, const address& owner, const frame_options& options,
                    const std::function<message(const address& proxy)>& opened, std::function<void()> ended) {
  std::weak_ptr<frame_session> weak = session;
  auto link = std::make_shared<link_state>();
  address proxy = add_external(
      [weak, link](message m, address to, address from) {
        auto s = weak.lock();
        if (!s) return;
        if (to.size() == 1) {
          if (const auto* close = m.get<Close>()) return s->close(close->reason, close->note.value_or(""));
          if (m.get<Stop>()) return s->close();  // the process is ending: a Stop never crosses to the peer
        }
        try {
          std::vector<address> carried;
          std::string bytes = encode_frame(m, to, from, link->ends, s->cap(), &carried);
          link->grants.grant(from);  // before the frame leaves: the answer may come at once
          for (const auto& a : carried) link->grants.grant(a);
          s->send(std::move(bytes));
        } catch (const std::exception& e) {
          detail::post(Faulted("cannot send \"" + m.type_name() + "\"", e.what()), from, to);
        }
      },
      "frame-connection", owner);
  link->ends = frame_ends{proxy.local_id(), owner.local_id()};
  auto keeper = make_keeper(session, link->ends, options.keep_alive_period);
  std::string key = std::to_string(proxy.local_id());
  net_service::instance().add_closer(key, [weak] {
    if (auto s = weak.lock()) s->close(EndOfTransport::ON_REQUEST, "process ending");
  });
  std::uint64_t cancel_key = options.announce_cancelled ? announce_cancelled(weak, link, proxy) : 0;
  detail::post(opened(proxy), owner, proxy);
  frame_session::events events;
  events.frame = [link, keeper, weak](raw_frame f) {
    inbound_frame in = decode_frame(std::move(f), link->ends);  // throws: this connection closes with the reason
    if (keeper->take(in.body, in.return_address)) return;
    if (in.body.get<WorkCancelled>()) return cancel_route(in.return_address);
    if (!link->grants.allows(in.to)) {
      if (auto s = weak.lock()) log_refused(in, s->remote, link->grants.refuse());
      return;
    }
    if (auto refused = refusal_of(in.body)) {  // the sender hears why, as from the object it addressed
      if (logging(tag::warning)) log_net(tag::warning, in.body.type_name() + " refused: " + refused->to_string());
      detail::post(message(std::move(*refused)), in.return_address, in.to);
      return;
    }
    detail::post(std::move(in.body), in.to, in.return_address);
  };
  events.closed = [weak, owner, proxy, key, keeper, cancel_key, ended = std::move(ended)](EndOfTransport reason,
                                                                                         std::string note) {
    keeper->stop();
    if (cancel_key) remove_cancel_listener(cancel_key);
    net_service::instance().take_closer(key);
    if (ended) ended();
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

}  // namespace lc::detail
