#pragma once
// Checks a response against the API: the table shape and range, or a JSON Faulted.
// Each returns an empty string when the response is right, else what is wrong with it.
#include <string>

#include "http_client.hpp"

namespace scenario_test {

// 200, application/json, {"value":["vector<vector<float8>>",[y rows of x values in [0,1)],[]]}
std::string table_problem(const http_response& response, long long x, long long y);
// The given status, application/json, a Faulted envelope whose explanation or condition holds `text`.
std::string faulted_problem(const http_response& response, int status, const std::string& text);
// Any non-2xx status with a JSON Faulted body (for errors whose code the test does not fix).
std::string error_problem(const http_response& response);

}  // namespace scenario_test
