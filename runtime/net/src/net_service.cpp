#include "net_service.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <boost/asio/post.hpp>

#include "lc/runtime.hpp"

namespace lc::detail {

net_service& net_service::instance() {
  static net_service service;
  return service;
}

namespace {
// LC_NETWORK_THREADS=N runs the io_context on N threads (1 to 64); every socket has its own strand.
std::size_t network_threads() {
  const char* text = std::getenv("LC_NETWORK_THREADS");
  if (text == nullptr || *text == '\0') return 1;
  char* end = nullptr;
  long n = std::strtol(text, &end, 10);
  if (*end != '\0' || n < 1 || n > 64) {
    std::fprintf(stderr, "LC_NETWORK_THREADS=%s is not a number from 1 to 64; using 1\n", text);
    return 1;
  }
  return static_cast<std::size_t>(n);
}
// Nothing that reaches a network thread ends the process: a handler that throws is logged and
// the thread runs on (Asio leaves the context usable after an exception escapes run()).
void run_guarded(net::io_context& context) {
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "network thread: a handler threw (%s); serving on\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "network thread: a handler threw; serving on\n");
    }
  }
}
}  // namespace

std::size_t net_service::running_threads() {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

net::io_context& net_service::context() {
  bool hook = false;
  std::unique_lock lock(mutex_);
  if (!std::exchange(hooked_, true)) hook = true;
  if (!context_) {
    thread_count_ = network_threads();
    context_ = std::make_unique<net::io_context>(static_cast<int>(thread_count_));
    work_ = std::make_unique<net::executor_work_guard<net::io_context::executor_type>>(context_->get_executor());
    for (std::size_t i = 0; i < thread_count_; ++i)
      threads_.emplace_back([c = context_.get()] { run_guarded(*c); });
  }
  auto& context = *context_;
  lock.unlock();
  if (hook) on_teardown(100, [] { instance().shutdown(); });
  return context;
}

void net_service::add_closer(std::string key, std::function<void()> close) {
  std::lock_guard lock(mutex_);
  closers_[std::move(key)] = std::move(close);
}

std::function<void()> net_service::take_closer(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = closers_.find(key);
  if (found == closers_.end()) return {};
  auto close = std::move(found->second);
  closers_.erase(found);
  return close;
}

std::uint64_t net_service::add_closer(std::function<void()> close) {
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_closer_++;
  }
  add_closer("#" + std::to_string(id), std::move(close));
  return id;
}

void net_service::remove_closer(std::uint64_t id) { take_closer("#" + std::to_string(id)); }

void net_service::shutdown() {
  std::unordered_map<std::string, std::function<void()>> closers;
  std::unique_ptr<net::io_context> context;
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    closers.swap(closers_);
  }
  for (auto& [id, close] : closers) close();
  {
    std::lock_guard lock(mutex_);
    work_.reset();
    threads.swap(threads_);
    context = std::move(context_);
    hooked_ = false;
  }
  // Closing cancels every operation, so run() returns by itself. A straggler (say a connect still
  // under way) gets 100 ms, then stop() abandons it: process teardown must stay prompt.
  if (context) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    while (!context->stopped() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    context->stop();
  }
  for (auto& t : threads)
    if (t.joinable()) t.join();
  // Listeners and sessions still held by late closures keep executors into this context: it is
  // retired, never destroyed (one small io_context per runtime restart).
  static auto* retired = new std::vector<std::unique_ptr<net::io_context>>;
  if (context) retired->push_back(std::move(context));
}

}  // namespace lc::detail
