#include "http_client_mapping.hpp"

#include <boost/beast/core/string.hpp>

#include <stdexcept>

#include <boost/json/parse.hpp>

#include "http_mapping.hpp"
#include "lc/codec.hpp"
#include "lc/net_messages.hpp"

namespace lc::detail {
namespace {

constexpr std::string_view user_agent = "User-Agent: Layer-Cake-API-client/1.0\r\n";

std::string concrete_envelope(const message& m) {
  std::string out = "{\"value\":";
  encode_context ctx;
  m.type()->encode(m.raw(), out, ctx);
  out += '}';
  return out;
}

// The members of a compact JSON object, each as its own compact text.
std::vector<std::pair<std::string, std::string>> split_members(std::string_view object_text) {
  std::vector<std::pair<std::string, std::string>> members;
  int depth = 0;
  bool in_string = false, escaped = false;
  std::size_t start = 1;
  for (std::size_t i = 0; i < object_text.size(); ++i) {
    char c = object_text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if (((c == '}' || c == ']') && --depth == 0) || (c == ',' && depth == 1)) {
      std::string_view member = object_text.substr(start, i - start);
      start = i + 1;
      if (member.empty()) continue;
      auto key_end = member.find("\":");  // keys are field names: no escapes
      members.emplace_back(std::string(member.substr(1, key_end - 1)), std::string(member.substr(key_end + 2)));
    }
  }
  return members;
}

// json.dumps' default separators: ", " and ": " outside strings.
std::string python_dumps_spacing(std::string_view compact) {
  std::string out;
  bool in_string = false, escaped = false;
  for (char c : compact) {
    out += c;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == ',' || c == ':') {
      out += ' ';
    }
  }
  return out;
}

message synthesised(const std::string& http, std::string body) {
  HttpResponse r;
  r.http = http;
  r.status_code = 500;
  r.reason_phrase = "Server Error";
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string quote_plus(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~') out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string form_body(const message& m) {
  std::string body;
  for (auto& [name, text] : split_members(concrete_envelope(m).substr(9))) {
    if (text == "null") continue;
    // A member that encodes as a JSON string is a text field (lc/http_form.hpp): it goes raw.
    std::string raw = text.front() == '"'
                          ? std::string(boost::json::parse(text).as_string())
                          : python_dumps_spacing(text);
    if (!body.empty()) body += '&';
    body += quote_plus(name) + '=' + quote_plus(raw);
  }
  return body;
}

std::string client_request_bytes(const message& m, std::string_view prefix, bool layer_cake_json) {
  if (m.empty()) throw std::invalid_argument("cannot send None as an HTTP request");
  std::string out;
  if (const auto* request = m.get<HttpRequest>()) {
    const std::string body = request->body.value_or("");
    out = request->method + " " + std::string(prefix) + request->request_uri + " " + request->http + "\r\n";
    out += user_agent;
    if (!request->header.contains("Content-Length")) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (!request->header.contains("Content-Type")) out += "Content-Type: application/x-www-form-urlencoded\r\n";
    for (const auto& [name, value] : request->header) out += name + ": " + value + "\r\n";
    return out + "\r\n" + body;
  }
  std::string body = layer_cake_json ? concrete_envelope(m) : form_body(m);
  out = "POST " + std::string(prefix) + m.type()->name + " HTTP/1.1\r\n";
  out += user_agent;
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += layer_cake_json ? "Content-Type: application/json\r\n" : "Content-Type: application/x-www-form-urlencoded\r\n";
  return out + "\r\n" + body;
}

message client_response_message(client_response response, bool layer_cake_json) {
  HttpResponse raw;
  raw.http = response.http;
  raw.status_code = response.status_code;
  raw.reason_phrase = response.reason_phrase;
  std::string content_type;
  for (auto& [name, value] : response.header) {
    if (boost::beast::iequals(name, "Content-Type")) content_type = media_type(value);
    raw.header[name] = value;
  }
  raw.body = response.body;
  if (!layer_cake_json || response.head_request) return raw;
  if (response.http != "HTTP/1.1") return synthesised(response.http, "unexpected HTTP version \"" + response.http + "\"");
  if (content_type != "application/json") return raw;
  if (!response.body || response.body->empty()) return synthesised(response.http, "no JSON body");
  try {
    return decode_any(*response.body);
  } catch (const std::exception& e) {
    return synthesised(response.http, "unexpected body \"" + std::string(e.what()) + "\"");
  }
}

}  // namespace lc::detail
