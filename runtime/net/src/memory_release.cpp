#include "memory_release.hpp"

#include <malloc.h>

#include <atomic>
#include <chrono>
#include <memory>

#include <boost/asio/steady_timer.hpp>


namespace lc::detail {
namespace {

std::atomic<bool> armed{false};

struct disarm_when_done {
  ~disarm_when_done() { armed = false; }
};

}  // namespace

void release_memory_soon(const boost::asio::any_io_executor& executor, std::size_t freed_bytes) {
  if (freed_bytes < large_buffer_bytes || armed.exchange(true)) return;
  auto timer = std::make_shared<boost::asio::steady_timer>(executor, std::chrono::milliseconds(100));
  timer->async_wait([timer, guard = std::make_shared<disarm_when_done>()](boost::system::error_code ec) {
    if (!ec) ::malloc_trim(0);
  });
}

}  // namespace lc::detail
