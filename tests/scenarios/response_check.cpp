#include "response_check.hpp"

#include <boost/json.hpp>

#include "lc_harness/response_check.hpp"

namespace scenario_test {
namespace {

namespace json = boost::json;

std::string head(const std::string& body) { return body.substr(0, 300); }

// The envelope's three parts, or a problem.
std::string envelope(const http_response& response, const json::array*& parts) {
  if (response.header("content-type") != "application/json")
    return "Content-Type is '" + response.header("content-type") + "', not application/json";
  boost::system::error_code ec;
  auto document = json::parse(response.body, ec);
  if (ec) return "body is not JSON (" + ec.message() + "): " + head(response.body);
  const auto* object = document.if_object();
  const json::value* value = object ? object->if_contains("value") : nullptr;
  if (!value || !value->is_array() || value->as_array().size() != 3 || object->size() != 1)
    return "body is not {\"value\":[type, value, []]}: " + head(response.body);
  static thread_local json::value kept;
  kept = *value;
  parts = &kept.as_array();
  return {};
}

}  // namespace

std::string table_problem(const http_response& response, long long x, long long y) {
  if (response.status != 200) return "status " + std::to_string(response.status) + ": " + head(response.body);
  const json::array* parts = nullptr;
  if (auto problem = envelope(response, parts); !problem.empty()) return problem;
  auto verdict = lc::harness::check_xy_body(response.body, static_cast<int>(x), static_cast<int>(y));
  if (verdict != lc::harness::body_verdict::ok)
    return std::string(lc::harness::to_string(verdict)) + " (asked x=" + std::to_string(x) + ", y=" +
           std::to_string(y) + "): " + head(response.body);
  return {};
}

std::string faulted_problem(const http_response& response, int status, const std::string& text) {
  if (response.status != status)
    return "status " + std::to_string(response.status) + ", expected " + std::to_string(status) + ": " + head(response.body);
  if (auto problem = error_problem(response); !problem.empty()) return problem;
  if (response.body.find(text) == std::string::npos) return "the fault does not say '" + text + "': " + head(response.body);
  return {};
}

std::string error_problem(const http_response& response) {
  if (response.status >= 200 && response.status < 300)
    return "status " + std::to_string(response.status) + " where an error was expected";
  const json::array* parts = nullptr;
  if (auto problem = envelope(response, parts); !problem.empty()) return problem;
  if (!(*parts)[0].is_string() || (*parts)[0].as_string().find("layer_cake.") != 0)
    return "not a runtime fault type: " + json::serialize((*parts)[0]);
  const auto* fields = (*parts)[1].if_object();
  if (!fields || !fields->contains("condition")) return "no condition in the fault: " + head(response.body);
  return {};
}

}  // namespace scenario_test
