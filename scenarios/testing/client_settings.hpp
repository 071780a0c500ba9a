#pragma once
// The settings of the documented test clients, as the originals' parameters.
#include <cstdint>
#include <optional>
#include <string>

#include "lc/messages.hpp"
#include "lc/time_values.hpp"

// One connect_and_request client.
struct client_settings {
  lc::HostPort server_address{"127.0.0.1", 5050};
  std::int64_t request_count = 1;
  double slow_down = 0.5;
  std::int64_t big_table = 100;
};
BOOST_DESCRIBE_STRUCT(client_settings, (), (server_address, request_count, slow_down, big_table))

// --client-type: threaded (own thread, the default), not_threaded (the default dispatcher),
// named_thread, state_machine.
struct connect_and_request_settings : client_settings {
  std::string client_type = "threaded";
};
BOOST_DESCRIBE_STRUCT(connect_and_request_settings, (client_settings), (client_type))

struct threads_settings {
  std::string client_type = "threaded";
  std::int64_t thread_count = 1;
  lc::HostPort server_address{"127.0.0.1", 5050};
  std::int64_t request_count = 1;
  double slow_down = 1.0;
  std::int64_t big_table = 100;
};
BOOST_DESCRIBE_STRUCT(threads_settings, (),
                      (client_type, thread_count, server_address, request_count, slow_down, big_table))

struct processes_settings : threads_settings {
  std::int64_t process_count = 1;
  std::optional<lc::time_span> test_span;  // "10s", "1m30s"; the run ends (as on Stop) when it passes
};
BOOST_DESCRIBE_STRUCT(processes_settings, (threads_settings), (process_count, test_span))
