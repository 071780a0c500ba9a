#pragma once
#include "lc/messages.hpp"

// Every server's settings: --server-address='{"host": "127.0.0.1", "port": 5051}'.
struct server_settings {
  lc::HostPort server_address{"127.0.0.1", 5050};
};
BOOST_DESCRIBE_STRUCT(server_settings, (), (server_address))

// The spool servers (4 and 8) also pass --object-count and --stand-down through to the spool.
struct spool_server_settings : server_settings {
  std::int64_t object_count = 8;
  std::optional<double> stand_down = 30.0;
};
BOOST_DESCRIBE_STRUCT(spool_server_settings, (server_settings), (object_count, stand_down))
