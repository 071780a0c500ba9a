#pragma once
// connect_and_request: connects to the server with the HTTP client, sends request_count random
// Xy, checks each table's dimensions, pauses spread_out(slow_down) between requests, closes and
// completes with Ack (Aborted on Stop, the Faulted otherwise). Four variants by placement/shape.
#include <string>

#include "client_settings.hpp"
#include "lc/lc.hpp"

// True for the four --client-type names.
bool known_client_type(const std::string& client_type);
// Creates the client of that type as a child of `parent`.
lc::address create_client(lc::object& parent, const std::string& client_type, const client_settings& settings);
// The variant for clients_as_threads_2: requests go to an existing HTTP client session.
lc::address create_shared_connection_client(lc::object& parent, const lc::address& session,
                                            const client_settings& settings);
