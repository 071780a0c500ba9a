#include "lc_harness/resource_load.hpp"

#include "lc_harness/load_generator.hpp"
#include "lc_harness/response_reader.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <latch>
#include <mutex>
#include <random>
#include <thread>

namespace lc::harness {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

std::string customer_body(const customer& c) {
  return json::serialize(json::object{{"value", {{"name", c.name}, {"age", c.age}}}});
}

std::string customer_reply(const customer& c) {
  return R"({"value":["test_resource.Customer",)" +
         json::serialize(json::object{{"name", c.name}, {"age", c.age}}) + ",[]]}";
}

std::map<std::int64_t, customer> parse_customer_table(const std::string& text) {
  json::value v = json::parse(text);
  if (v.is_object()) v = v.as_object().at("value");
  if (v.is_array() && !v.as_array().empty() && v.as_array()[0].is_string()) v = v.as_array().at(1);
  std::map<std::int64_t, customer> table;
  for (const auto& entry : v.as_array()) {
    const auto& pair = entry.as_array();
    const auto& fields = pair.at(1).as_object();
    table[pair.at(0).to_number<std::int64_t>()] = {std::string(fields.at("name").as_string()),
                                                   fields.at("age").to_number<std::int64_t>()};
  }
  return table;
}

std::vector<std::string> store_problems(const std::map<std::int64_t, customer>& table,
                                        const std::vector<connection_model>& models) {
  std::vector<std::string> problems;
  for (const auto& m : models) {
    const auto& w = m.in_flight;
    std::vector<customer> extra = m.unplaced;
    if (w && !w->id) extra.push_back(*w->after);
    for (const auto& [id, expected] : m.records) {
      auto it = table.find(id);
      const auto actual = it == table.end() ? std::optional<customer>() : std::optional(it->second);
      if (actual != expected && !(w && w->id == id && actual == w->after))
        problems.push_back("record " + std::to_string(id) + " of " + m.prefix + " is " +
                           (actual ? customer_body(*actual) : "absent") + ", acknowledged " +
                           (expected ? customer_body(*expected) : "deleted"));
    }
    for (const auto& [id, c] : table) {
      if (!c.name.starts_with(m.prefix) || m.records.contains(id)) continue;
      auto it = std::find(extra.begin(), extra.end(), c);
      if (it == extra.end()) problems.push_back("record " + std::to_string(id) + " " + c.name + " was never acknowledged");
      else extra.erase(it);
    }
    for (const auto& c : m.unplaced)
      if (std::find(extra.begin(), extra.end(), c) != extra.end())
        problems.push_back("acknowledged create " + c.name + " is missing");
  }
  return problems;
}

namespace {

// One keep-alive connection, one request at a time, each under the timeout.
class client {
public:
  explicit client(const resource_load_options& o) : stream_(io_), options_(o) {}

  beast::error_code connect() {
    beast::error_code ec;
    stream_.expires_after(options_.timeout);
    stream_.async_connect(tcp::endpoint(net::ip::make_address(options_.host), options_.port),
                          [&ec](beast::error_code e) { ec = e; });
    run();
    if (!ec) stream_.socket().set_option(tcp::no_delay(true), ec);
    return ec;
  }

  beast::error_code exchange(http::verb verb, const std::string& target, const std::string& body, unsigned& status,
                             std::string& reply) {
    http::request<http::string_body> request{verb, target, 11};
    request.set(http::field::host, options_.host);
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.keep_alive(true);
    request.prepare_payload();
    response_reader parser(reply);
    beast::error_code ec;
    stream_.expires_after(options_.timeout);
    http::async_write(stream_, request, [&](beast::error_code e, std::size_t) {
      ec = e;
      if (!e) http::async_read(stream_, buffer_, parser, [&ec](beast::error_code e2, std::size_t) { ec = e2; });
    });
    run();
    status = parser.status();
    return ec;
  }

private:
  void run() {
    io_.restart();
    io_.run();
  }

  net::io_context io_{1};
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const resource_load_options& options_;
};

struct request_plan {
  http::verb verb = http::verb::get;
  std::string target = "/customer";
  std::string body;
  unsigned expect = 200;
  bool write = false;
};

// Chooses each request from the connection's own records and checks each reply against them.
class connection {
public:
  connection(const resource_load_options& o, int index)
      : options_(o), client_(o), rng_(o.seed * 1000 + index) {
    model_.prefix = "c" + std::to_string(index) + "-";
  }

  void run(std::latch& ready, std::once_flag& window_end, std::atomic<bool>& signalled) {
    signalled_ = &signalled;
    auto failure = client_.connect();
    if (failure) error("connect: " + failure.message());
    for (int i = 0; !stopped_ && options_.fixed_body.empty() && i < options_.preload; ++i) step(create(), false);
    if (!stopped_ && options_.fixed_body.empty()) step(listing(), false);
    ready.arrive_and_wait();
    start_ = clock_type::now();
    const auto end = start_ + options_.duration;
    while (!stopped_) {
      const auto now = clock_type::now();
      if (now >= end) {
        if (!options_.at_window_end) break;
        std::call_once(window_end, [&] {
          signalled = true;
          options_.at_window_end();
        });
      }
      const auto sent = clock_type::now();
      step(options_.fixed_body.empty() ? choose() : request_plan{}, sent < end);
      if (sent < end && clock_type::now() <= end) latency.record(clock_type::now() - sent);
    }
  }

  const connection_model& model() const { return model_; }

  std::uint64_t reads = 0, writes = 0, errors = 0;
  std::vector<std::string> first_errors;
  latency_histogram latency;
  std::string read_body;

private:
  std::int64_t pick(bool live) {
    std::vector<std::int64_t> ids;
    for (const auto& [id, c] : model_.records)
      if (c.has_value() == live) ids.push_back(id);
    return ids.empty() ? 0 : ids[rng_() % ids.size()];
  }

  std::size_t live() const {
    std::size_t n = 0;
    for (const auto& r : model_.records) n += r.second.has_value();
    return n;
  }

  request_plan create() {
    const customer c{model_.prefix + std::to_string(++created_), static_cast<std::int64_t>(rng_() % 100)};
    model_.in_flight = connection_model::write{std::nullopt, c};
    return {http::verb::post, "/customer", customer_body(c), 201, true};
  }

  request_plan listing() { return {}; }

  request_plan read_one(std::int64_t id) {
    const auto& c = model_.records[id];
    return {http::verb::get, "/customer/" + std::to_string(id), "", c ? 200u : 404u, false};
  }

  request_plan choose() {
    const auto n = live();
    const bool read = static_cast<int>(rng_() % 100) < options_.read_percent;
    if (model_.unplaced.size() >= 8 || (read && (!model_.unplaced.empty() || n == 0 || rng_() % 16 == 0)))
      return listing();
    if (read) {
      const auto gone = pick(false);
      return read_one(gone && rng_() % 8 == 0 ? gone : pick(true));
    }
    const auto kind = rng_() % 3;
    const auto cap = static_cast<std::size_t>(2 * std::max(options_.preload, 1));
    if (n == 0 || (kind == 0 && n < cap) || (kind == 2 && n <= 1)) return create();
    const auto id = pick(true);
    if (kind == 1) {
      const customer c{model_.prefix + std::to_string(++created_), static_cast<std::int64_t>(rng_() % 100)};
      model_.in_flight = connection_model::write{id, c};
      return {http::verb::put, "/customer/" + std::to_string(id), customer_body(c), 200, true};
    }
    model_.in_flight = connection_model::write{id, std::nullopt};
    return {http::verb::delete_, "/customer/" + std::to_string(id), "", 200, true};
  }

  void step(const request_plan& plan, bool measured) {
    unsigned status = 0;
    if (auto ec = client_.exchange(plan.verb, plan.target, plan.body, status, reply_)) {
      if (!*signalled_) error(plan.target + ": " + ec.message());
      stopped_ = true;
      return;
    }
    if (status != plan.expect) {
      if (*signalled_) return void(stopped_ = true);  // a stopping server may refuse; the write stays in flight
      return error(std::string(http::to_string(plan.verb)) + " " + plan.target + ": status " +
                   std::to_string(status) + ", expected " + std::to_string(plan.expect));
    }
    if (!options_.fixed_body.empty()) check_body(plan, options_.fixed_body);
    else if (plan.write) acknowledge();
    else if (plan.target == "/customer") check_listing();
    else if (status == 200) check_body(plan, customer_reply(*model_.records[std::stoll(plan.target.substr(10))]));
    if (stopped_ || !measured) return;
    (plan.write ? writes : reads) += 1;
    if (!plan.write && plan.target != "/customer" && status == 200 && read_body.empty()) read_body = reply_;
  }

  void acknowledge() {
    auto w = *model_.in_flight;
    model_.in_flight.reset();
    if (w.id) model_.records[*w.id] = w.after;
    else model_.unplaced.push_back(*w.after);
  }

  void check_body(const request_plan& plan, const std::string& expected) {
    if (reply_ != expected) error("GET " + plan.target + ": body " + reply_ + ", expected " + expected);
  }

  void check_listing() {
    std::map<std::int64_t, customer> table;
    try {
      table = parse_customer_table(reply_);
    } catch (const std::exception& e) {
      return error("GET /customer: not a customer table (" + std::string(e.what()) + "): " + reply_.substr(0, 200));
    }
    std::size_t seen = 0;
    for (const auto& [id, c] : table) {
      if (!c.name.starts_with(model_.prefix)) continue;
      auto known = model_.records.find(id);
      if (known == model_.records.end()) {
        auto it = std::find(model_.unplaced.begin(), model_.unplaced.end(), c);
        if (it == model_.unplaced.end()) return error("GET /customer: unknown own record " + std::to_string(id) + " " + c.name);
        model_.unplaced.erase(it);
        model_.records[id] = c;
      } else if (known->second != c) {
        return error("GET /customer: record " + std::to_string(id) + " is " + customer_body(c) + ", expected " +
                     (known->second ? customer_body(*known->second) : std::string("deleted")));
      }
      ++seen;
    }
    if (!model_.unplaced.empty()) return error("GET /customer: acknowledged create " + model_.unplaced[0].name + " missing");
    if (seen != live()) error("GET /customer: " + std::to_string(seen) + " own records, expected " + std::to_string(live()));
  }

  void error(std::string what) {
    ++errors;
    if (first_errors.size() < 3) first_errors.push_back(model_.prefix + " " + std::move(what));
    stopped_ = true;  // the model no longer knows the server's state
  }

  const resource_load_options& options_;
  client client_;
  std::mt19937_64 rng_;
  connection_model model_;
  std::string reply_;
  int created_ = 0;
  bool stopped_ = false;
  const std::atomic<bool>* signalled_ = nullptr;
  clock_type::time_point start_;
};

}  // namespace

resource_result run_resource_load(const resource_load_options& options) {
  const double cpu_before = process_cpu_seconds();
  const auto began = clock_type::now();
  std::vector<std::unique_ptr<connection>> connections;
  for (int i = 0; i < options.connections; ++i) connections.push_back(std::make_unique<connection>(options, i));
  std::latch ready(options.connections);
  std::once_flag window_end;
  std::atomic<bool> signalled{false};
  std::vector<std::thread> threads;
  for (auto& c : connections) threads.emplace_back([&, c = c.get()] { c->run(ready, window_end, signalled); });
  for (auto& t : threads) t.join();
  resource_result r;
  r.seconds = std::chrono::duration<double>(options.duration).count();
  r.generator_cpu_share =
      (process_cpu_seconds() - cpu_before) / std::chrono::duration<double>(clock_type::now() - began).count();
  for (const auto& c : connections) {
    r.reads += c->reads;
    r.writes += c->writes;
    r.errors += c->errors;
    for (const auto& e : c->first_errors)
      if (r.first_errors.size() < 5) r.first_errors.push_back(e);
    r.latency.merge(c->latency);
    if (r.read_body.empty()) r.read_body = c->read_body;
    r.models.push_back(c->model());
  }
  return r;
}

}  // namespace lc::harness
