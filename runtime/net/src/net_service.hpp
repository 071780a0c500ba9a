#pragma once
// The network thread: one io_context run by one thread (LC_NETWORK_THREADS=N for more), started
// on first use.
// Listeners and connections register a closer; shutdown() closes them all and joins the thread.
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace lc::detail {

namespace net = boost::asio;

class net_service {
 public:
  static net_service& instance();
  ~net_service() { shutdown(); }

  net::io_context& context();  // starts the thread(s) if needed
  std::uint64_t add_closer(std::function<void()> close);
  void remove_closer(std::uint64_t id);
  void shutdown();  // every closer, then join; the next context() starts afresh
  std::size_t running_threads();

 private:
  std::mutex mutex_;
  std::unique_ptr<net::io_context> context_;
  std::unique_ptr<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  std::unordered_map<std::uint64_t, std::function<void()>> closers_;
  std::uint64_t next_closer_ = 1;
  std::size_t thread_count_ = 1;
};

}  // namespace lc::detail
