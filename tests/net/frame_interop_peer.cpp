// frame_interop_peer: our side of the live framed-protocol check against the Python original
// (scenarios/testing/INTEROP.md). The Python peer plays the same two roles, message for message:
//   --role=respond --port=N  listen; Xy -> a worker replies a y-by-x table to the sender;
//                            Pointed p -> reply Pointed{"cpp", worker}, then Pointed{"echo", p.where}
//                            to p.where; returns the reason of the first Closed.
//   --role=drive --port=N    connect and run the exchange of drive() below; returns "ok", or with
//                            --hold=true the reason of the Closed that ends it.
//   --keep-alive=true (drive) and --period=S (both): frame_options' keep-alive fields;
//   --linger=S (drive): wait S seconds after Connected first (a Closed then ends it).
//   --serve-on=true (respond): a Closed does not end it (it serves until stopped).
// frame_interop_peer_test runs it against itself; INTEROP.md runs it against the Python one.
#include <map>

#include <boost/describe/enum_to_string.hpp>

#include "lc/lc.hpp"
#include "test_types.hpp"

namespace {

struct peer_settings {
  std::string role = "drive";
  std::int64_t port = 0;
  bool hold = false;
  bool keep_alive = false;
  double period = lc::default_keep_alive_period;
  double linger = 0.0;
  bool serve_on = false;
};
BOOST_DESCRIBE_STRUCT(peer_settings, (), (role, port, hold, keep_alive, period, linger, serve_on))

struct mismatch {
  std::string what;
};

void note(const std::string& text) { std::fprintf(stderr, "frame_interop_peer: %s\n", text.c_str()); }

// The whole route, as the Python peer prints its tuples: (4, 20).
std::string route_of(const lc::address& a) {
  std::string out = "(";
  for (std::size_t i = 0; i < a.size(); ++i) out += (i ? ", " : "") + std::to_string(a[i]);
  return out + ")";
}

std::string reason_of(const lc::Closed& closed) {
  return boost::describe::enum_to_string(closed.reason, "?");
}

table numbered_table(std::int64_t x, std::int64_t y) {
  table t(static_cast<std::size_t>(y), std::vector<double>(static_cast<std::size_t>(x)));
  for (std::size_t r = 0; r < t.size(); ++r)
    for (std::size_t c = 0; c < t[r].size(); ++c) t[r][c] = static_cast<double>(10 * r + c);
  return t;
}

lc::message responder_worker(lc::channel& self) {
  for (;;) {
    auto m = self.input();
    if (auto* xy = m.get<test_api::Xy>()) self.reply(numbered_table(xy->x, xy->y));
    else if (m.is<lc::Stop>()) return lc::Aborted{};
  }
}

lc::message respond(lc::channel& self, const peer_settings& settings) {
  lc::listen(self, lc::HostPort{"127.0.0.1", settings.port}, lc::frame_options{.keep_alive_period = settings.period});
  auto m = self.input();
  if (!m.is<lc::Listening>()) return m;
  note("listening at " + std::to_string(m.get<lc::Listening>()->listening_ipp.port));
  auto worker = self.create(responder_worker);
  for (;;) {
    m = self.input();
    if (m.is<test_api::Xy>()) {
      note("Xy from " + route_of(self.return_address()));
      self.forward(m, worker, self.return_address());
    } else if (auto* p = m.get<frame_api::Pointed>()) {
      note("Pointed " + p->name + " " + route_of(p->where) + " from " + route_of(self.return_address()));
      self.reply(frame_api::Pointed{"cpp", worker});
      self.send(frame_api::Pointed{"echo", p->where}, p->where);
    } else if (auto* closed = m.get<lc::Closed>()) {
      note("closed " + reason_of(*closed));
      if (!settings.serve_on) return reason_of(*closed);
    } else if (m.is<lc::Stop>()) {
      return lc::Aborted{};
    }
  }
}

template <class T>
T expect(lc::channel& self, const std::string& what) {
  auto m = self.input(10.0);
  if (!m) throw mismatch{what + ": nothing within 10 s"};
  note("got " + m->type_name() + " from " + route_of(self.return_address()));
  auto* got = m->get<T>();
  if (got == nullptr) throw mismatch{what + ": got " + m->type_name()};
  return *got;
}

void check_table(const table& t, std::size_t x, std::size_t y, const std::string& what) {
  if (t.size() != y || t.empty() || t[0].size() != x) throw mismatch{what + ": wrong dimensions"};
}

lc::message drive(lc::channel& self, const peer_settings& settings) {
  lc::connect(self, lc::HostPort{"127.0.0.1", settings.port},
              lc::frame_options{.keep_alive = settings.keep_alive, .keep_alive_period = settings.period});
  expect<lc::Connected>(self, "connect");
  auto proxy = self.return_address();
  if (settings.linger > 0) {
    if (auto m = self.input(settings.linger)) {
      if (auto* closed = m->get<lc::Closed>()) return reason_of(*closed);
      throw mismatch{"linger: got " + m->type_name()};
    }
  }
  // 1. A request to the remote listener, answered by its worker.
  self.send(test_api::Xy{2, 3}, proxy);
  check_table(expect<table>(self, "table 1"), 2, 3, "table 1");
  auto remote_worker = self.return_address();
  // 2. A reply to the reply: straight to the remote worker through its translated address.
  self.send(test_api::Xy{4, 5}, remote_worker);
  check_table(expect<table>(self, "table 2"), 4, 5, "table 2");
  if (self.return_address() != remote_worker) throw mismatch{"the remote worker's address changed"};
  // 3. An address in a body, both ways.
  self.send(frame_api::Pointed{"cpp", self.self_address()}, proxy);
  std::map<std::string, lc::address> got;
  for (int i = 0; i < 2; ++i) {
    auto p = expect<frame_api::Pointed>(self, "pointed");
    got[p.name] = p.where;
  }
  if (got["echo"] != self.self_address()) throw mismatch{"echoed address " + got["echo"].to_string()};
  auto named = got.find("py") != got.end() ? got["py"] : got["cpp"];
  self.send(test_api::Xy{1, 1}, named);
  check_table(expect<table>(self, "table 3"), 1, 1, "table 3");
  if (settings.hold) return reason_of(expect<lc::Closed>(self, "closed"));
  return std::string("ok");
}

lc::message frame_interop_peer(lc::channel& self, const peer_settings& settings) {
  try {
    return settings.role == "respond" ? respond(self, settings) : drive(self, settings);
  } catch (const mismatch& e) {
    return lc::Faulted(e.what);
  }
}

}  // namespace

LC_MAIN(frame_interop_peer)
