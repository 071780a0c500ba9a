#include "lc_harness/load_generator.hpp"

#include "lc_harness/response_check.hpp"
#include "lc_harness/response_reader.hpp"
#include "lc_harness/send_schedule.hpp"
#include "lc_harness/xy_shape_check.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <random>
#include <thread>

namespace lc::harness {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int max_pipeline = 64;

enum class failure { socket, timeout, status, body };

struct shared_state {
  load_options options;
  tcp::endpoint endpoint;
  clock_type::time_point begin;
  clock_type::time_point measure_start;
  clock_type::time_point measure_end;
  std::atomic<std::uint64_t> issued{0};
  load_control* control = nullptr;

  bool stopping() const {
    return clock_type::now() >= measure_end || (control && control->stop.load(std::memory_order_relaxed));
  }
};

struct thread_stats {
  load_result result;
  std::uint64_t responses = 0;
  clock_type::time_point last_reply{};

  void count_bin(std::vector<std::uint32_t>& bins, clock_type::time_point at) {
    if (at < result.measure_start || bins.empty()) return;
    const auto i = static_cast<std::size_t>((at - result.measure_start) / result.timeline_bin);
    ++bins[std::min(i, bins.size() - 1)];
  }
};

class connection {
public:
  connection(net::io_context& io, shared_state& shared, thread_stats& stats, int index)
      : socket_(io), timer_(io), pace_(io), shared_(shared), stats_(stats), rng_(1000u + static_cast<unsigned>(index)),
        schedule_(shared.options.rate > 0 ? send_schedule(shared.begin, shared.options.rate, shared.options.connections, index)
                                          : send_schedule()) {
    request_.reserve(80 * max_pipeline);
    body_.reserve(4096);
    // Beast reads max(512, free capacity) bytes at a time: without room a 193 kB body took
    // about 380 recv calls, most of the generator's CPU.
    buffer_.reserve(64 * 1024);
  }

  void start() { connect(); }

private:
  void connect() {
    if (shared_.stopping()) return finish();
    paced([this] {
      if (!reserve_batch()) return finish();
      timed_out_ = false;
      arm_timer();
      socket_.async_connect(shared_.endpoint, [this](beast::error_code ec) {
        if (ec) return fail(failure::socket, "connect: " + ec.message());
        socket_.set_option(tcp::no_delay(true));
        write_batch();
      });
    });
  }

  // Closed loop: `next` now, timed from now. Open loop: `next` at the request's intended time
  // (at once, and counted late, when that has passed), timed from the intended time.
  template <class F>
  void paced(F next) {
    const auto now = clock_type::now();
    if (!schedule_.open()) {
      sent_at_ = now;
      return next();
    }
    sent_at_ = schedule_.next();
    if (sent_at_ >= shared_.measure_end) return finish();
    if (sent_at_ <= now) {
      if (sent_at_ >= shared_.measure_start && now - sent_at_ > schedule_.interval()) ++stats_.result.late;
      return next();
    }
    pace_.expires_at(sent_at_);
    pace_.async_wait([this, next](beast::error_code ec) {
      if (ec) return finish();
      next();
    });
  }

  // Decides the next batch size and its request sizes; false when the budget is spent.
  bool reserve_batch() {
    int n = shared_.options.keep_alive && !schedule_.open() ? std::clamp(shared_.options.pipeline, 1, max_pipeline) : 1;
    measured_ = sent_at_ >= shared_.measure_start;
    if (measured_ && shared_.options.max_requests) {
      const auto before = shared_.issued.fetch_add(n);
      if (before >= shared_.options.max_requests) return false;
      n = static_cast<int>(std::min<std::uint64_t>(n, shared_.options.max_requests - before));
    }
    batch_ = n;
    done_ = 0;
    const int size = shared_.options.size;
    std::uniform_int_distribution<int> dist(1, std::max(size, 1));
    for (int i = 0; i < n; ++i)
      sizes_[i] = shared_.options.random_sizes ? std::pair{dist(rng_), dist(rng_)} : std::pair{size, size};
    return true;
  }

  void write_batch() {
    request_.clear();
    char num[16];
    for (int i = 0; i < batch_; ++i) {
      request_ += "GET /Xy?x=";
      request_.append(num, std::to_chars(num, num + sizeof num, sizes_[i].first).ptr);
      request_ += "&y=";
      request_.append(num, std::to_chars(num, num + sizeof num, sizes_[i].second).ptr);
      request_ += " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
      if (!shared_.options.keep_alive) request_ += "Connection: close\r\n";
      request_ += "\r\n";
    }
    net::async_write(socket_, net::buffer(request_), [this](beast::error_code ec, std::size_t) {
      if (ec) return fail(failure::socket, "write: " + ec.message());
      read_next();
    });
  }

  void read_next() {
    reader_.emplace(body_);
    http::async_read(socket_, buffer_, *reader_, [this](beast::error_code ec, std::size_t) {
      if (ec) return fail(failure::socket, "read: " + ec.message());
      on_reply();
    });
  }

  void on_reply() {
    const auto now = clock_type::now();
    const auto [x, y] = sizes_[done_];
    ++done_;
    if (reader_->status() < 200 || reader_->status() > 299) {
      record_failure(failure::status, now, "status " + std::to_string(reader_->status()));
    } else if (!reader_->json()) {
      record_failure(failure::body, now, "Content-Type is not application/json");
    } else if (auto v = check(x, y); v != body_verdict::ok) {
      record_failure(failure::body, now, std::string(to_string(v)) + " for x=" + std::to_string(x) +
                                             " y=" + std::to_string(y) + ": " + body_.substr(0, 120));
    } else {
      record_good(now);
    }
    const bool keep = reader_->keep_alive() && shared_.options.keep_alive;
    if (done_ < batch_) {
      if (keep) return read_next();
      return fail(failure::socket, "server closed a pipelined connection");
    }
    cancel_timer();
    if (!keep) {
      beast::error_code ignored;
      socket_.close(ignored);
      buffer_.clear();
      return connect();
    }
    if (shared_.stopping()) return finish();
    paced([this] {
      if (!reserve_batch()) return finish();
      arm_timer();
      write_batch();
    });
  }

  body_verdict check(int x, int y) {
    const int every = std::max(shared_.options.full_check_every, 1);
    if (replies_++ % static_cast<std::uint64_t>(every) != 0) return check_xy_shape(body_, x, y);
    if (measured_) ++stats_.result.bodies_fully_checked;
    return check_xy_body(body_, x, y);
  }

  void arm_timer() {
    timer_.expires_after(shared_.options.timeout);
    timer_.async_wait([this, gen = ++timer_gen_](beast::error_code ec) {
      if (ec || gen != timer_gen_) return;
      timed_out_ = true;
      beast::error_code ignored;
      socket_.close(ignored);
    });
  }

  void record_good(clock_type::time_point now) {
    ++stats_.responses;
    if (shared_.control) shared_.control->good.fetch_add(1, std::memory_order_relaxed);
    if (!measured_) return;
    auto& r = stats_.result;
    ++r.good;
    r.latency.record(now - sent_at_);
    stats_.count_bin(r.good_per_bin, now);
    stats_.last_reply = std::max(stats_.last_reply, now);
  }

  void record_failure(failure kind, clock_type::time_point now, std::string what) {
    ++stats_.responses;
    if (shared_.control) shared_.control->failed.fetch_add(1, std::memory_order_relaxed);
    if (!measured_) return;
    auto& r = stats_.result;
    switch (kind) {
      case failure::socket: ++r.socket_errors; break;
      case failure::timeout: ++r.timeouts; break;
      case failure::status: ++r.non_2xx; break;
      case failure::body: ++r.invalid_bodies; break;
    }
    r.latency.record(now - sent_at_);
    r.slowest_failure_us = std::max(r.slowest_failure_us, (now - sent_at_).count() / 1000.0);
    stats_.count_bin(r.failed_per_bin, now);
    stats_.last_reply = std::max(stats_.last_reply, now);
    if (r.first_failure.empty()) r.first_failure = std::move(what);
  }

  void fail(failure kind, std::string what) {
    if (timed_out_) {
      kind = failure::timeout;
      what = "no reply within " + std::to_string(shared_.options.timeout.count()) + " ms";
    }
    const auto now = clock_type::now();
    for (int i = done_; i < std::max(batch_, 1); ++i) record_failure(kind, now, what);
    done_ = batch_;
    cancel_timer();
    beast::error_code ignored;
    socket_.close(ignored);
    buffer_.clear();
    if (shared_.stopping()) return finish();
    // Back off so that a dead server costs a bounded number of attempts.
    timer_.expires_after(std::chrono::milliseconds(10));
    timer_.async_wait([this, gen = ++timer_gen_](beast::error_code ec) {
      if (!ec && gen == timer_gen_) connect();
    });
  }

  void cancel_timer() {
    ++timer_gen_;
    timer_.cancel();
  }

  void finish() {
    beast::error_code ignored;
    cancel_timer();
    pace_.cancel();
    socket_.close(ignored);
  }

  tcp::socket socket_;
  net::steady_timer timer_;
  net::steady_timer pace_;
  shared_state& shared_;
  thread_stats& stats_;
  std::minstd_rand rng_;
  send_schedule schedule_;
  beast::flat_buffer buffer_;
  std::string request_;
  std::string body_;
  std::optional<response_reader> reader_;
  std::array<std::pair<int, int>, max_pipeline> sizes_{};
  int batch_ = 0;
  int done_ = 0;
  bool measured_ = false;
  bool timed_out_ = false;
  std::uint64_t timer_gen_ = 0;
  std::uint64_t replies_ = 0;
  clock_type::time_point sent_at_;
};

}  // namespace

double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::uint64_t raise_file_limit() {
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);
  getrlimit(RLIMIT_NOFILE, &lim);
  return lim.rlim_cur;
}

load_result run_load(const load_options& options, load_control* control) {
  if (static_cast<std::uint64_t>(options.connections) + 64 > raise_file_limit())
    throw std::runtime_error("open-file limit too low for " + std::to_string(options.connections) + " connections");
  shared_state shared;
  shared.options = options;
  shared.control = control;
  shared.endpoint = tcp::endpoint(net::ip::make_address(options.host), options.port);
  const auto begin = clock_type::now();
  shared.begin = begin;
  shared.measure_start = begin + options.warmup;
  shared.measure_end = shared.measure_start + options.duration;
  const double cpu_before = process_cpu_seconds();

  const int threads = std::clamp(options.threads, 1, std::max(options.connections, 1));
  const auto bins = static_cast<std::size_t>((options.duration + options.timeout) / options.timeline_bin) + 2;
  std::vector<thread_stats> stats(static_cast<std::size_t>(threads));
  for (auto& s : stats) {
    s.result.measure_start = shared.measure_start;
    s.result.timeline_bin = options.timeline_bin;
    s.result.good_per_bin.assign(bins, 0);
    s.result.failed_per_bin.assign(bins, 0);
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      net::io_context io(1);
      std::vector<std::unique_ptr<connection>> conns;
      for (int c = t; c < options.connections; c += threads)
        conns.push_back(std::make_unique<connection>(io, shared, stats[t], c));
      for (auto& c : conns) c->start();
      io.run();
    });
  }
  for (auto& w : workers) w.join();

  load_result total = std::move(stats[0].result);
  std::uint64_t responses = stats[0].responses;
  auto last = stats[0].last_reply;
  for (std::size_t i = 1; i < stats.size(); ++i) {
    auto& r = stats[i].result;
    total.good += r.good;
    total.socket_errors += r.socket_errors;
    total.timeouts += r.timeouts;
    total.non_2xx += r.non_2xx;
    total.invalid_bodies += r.invalid_bodies;
    total.bodies_fully_checked += r.bodies_fully_checked;
    total.late += r.late;
    total.latency.merge(r.latency);
    total.slowest_failure_us = std::max(total.slowest_failure_us, r.slowest_failure_us);
    if (total.first_failure.empty()) total.first_failure = r.first_failure;
    for (std::size_t b = 0; b < bins; ++b) {
      total.good_per_bin[b] += r.good_per_bin[b];
      total.failed_per_bin[b] += r.failed_per_bin[b];
    }
    responses += stats[i].responses;
    last = std::max(last, stats[i].last_reply);
  }
  total.seconds = last > shared.measure_start ? std::chrono::duration<double>(last - shared.measure_start).count() : 0.0;
  if (options.rate > 0) {
    const auto intended = static_cast<std::uint64_t>(options.rate * std::chrono::duration<double>(options.duration).count());
    total.dropped = intended > total.good + total.errors() ? intended - total.good - total.errors() : 0;
  }
  const double cpu = process_cpu_seconds() - cpu_before;
  if (responses) total.client_cpu_us_per_request = cpu * 1e6 / responses;
  const double wall = std::chrono::duration<double>(clock_type::now() - begin).count();
  if (wall > 0) total.client_cpu_share = cpu / wall;
  return total;
}

}  // namespace lc::harness
