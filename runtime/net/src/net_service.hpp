#pragma once
// The network thread: one io_context run by one thread (LC_NETWORK_THREADS=N for more), started
// on first use, with one teardown hook that shuts it down when the runtime ends.
// It holds the one registry of open things: every listener and connection, HTTP or framed, server
// or client, registers a closer; shutdown() runs them all and joins the thread.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
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

  net::io_context& context();  // starts the thread(s) and installs the teardown hook if needed
  // A closer under a name (a listener's lid, a connection's proxy id), taken back by that name.
  void add_closer(std::string key, std::function<void()> close);
  std::function<void()> take_closer(const std::string& key);  // empty when there is none
  // The same under a fresh number, for those that need no name.
  std::uint64_t add_closer(std::function<void()> close);
  void remove_closer(std::uint64_t id);
  void shutdown();  // every closer, then join; the next context() starts afresh
  std::size_t running_threads();

 private:
  std::mutex mutex_;
  std::unique_ptr<net::io_context> context_;
  std::unique_ptr<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  std::unordered_map<std::string, std::function<void()>> closers_;
  bool hooked_ = false;
  std::uint64_t next_closer_ = 1;
  std::size_t thread_count_ = 1;
};

}  // namespace lc::detail
