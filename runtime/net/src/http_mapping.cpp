#include "http_mapping.hpp"

#include <cctype>

#include <chrono>
#include <ctime>
#include <mutex>

#include "lc/codec.hpp"
#include "lc/net_messages.hpp"

namespace lc::detail {
namespace {

struct request_error {
  int status;
  std::string reason;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}


// Fills the fields of a fresh value from `k=v&k=v` pieces (query or form body).
void apply_pairs(const http_form& form, void* object, std::string_view pairs, bool empty_piece_is_error) {
  if (pairs.empty()) return;
  for (bool more = true; more;) {
    auto amp = pairs.find('&');
    more = amp != std::string_view::npos;
    auto piece = pairs.substr(0, amp);
    pairs = more ? pairs.substr(amp + 1) : std::string_view{};
    if (piece.empty()) {
      if (empty_piece_is_error) throw request_error{400, "empty field in form body"};
      continue;
    }
    auto equals = piece.find('=');
    if (equals == std::string_view::npos)
      throw request_error{400, "field \"" + url_unquote_plus(piece) + "\" has no value"};
    auto key = url_unquote_plus(piece.substr(0, equals));
    auto text = url_unquote_plus(piece.substr(equals + 1));
    const form_field* field = nullptr;
    for (const auto& f : form.fields)
      if (f.name == key) field = &f;
    if (field == nullptr) throw request_error{400, "\"" + form.type->name + "\" has no field \"" + key + "\""};
    try {
      decode_context ctx;
      if (field->from_text) {
        field->from_text(object, text, ctx);
      } else {
        auto fragment = parse_json(text);
        field->from_json(object, fragment, ctx);
      }
    } catch (const codec_error& e) {
      throw request_error{400, "no conversion for \"" + key + "\" (" + e.what() + ")"};
    }
  }
}

message decode_json_body(const type_record& type, std::string_view body) {
  if (body.empty()) return message(type.make_default(), &type);
  try {
    auto document = parse_json(body);
    auto* found = document.is_object() ? document.get_object().if_contains("value") : nullptr;
    if (found == nullptr) throw codec_error("cannot decode (no \"value\" available)");
    decode_context ctx;
    return message(type.decode(*found, ctx), &type);
  } catch (const codec_error& e) {
    throw request_error{400, e.what()};
  }
}

std::optional<std::string> body_of(const http_request_view& request) {
  if (request.body.empty()) return std::nullopt;
  return std::string(request.body);
}

message as_http_request(const http_request_view& request) {
  HttpRequest r;
  r.method = std::string(request.method);
  r.request_uri = std::string(request.target);
  r.http = std::string(request.version);
  if (request.header) r.header = *request.header;
  r.body = body_of(request);
  return r;
}

message map_or_throw(const http_type_table& types, const http_request_view& request, bool default_to_request = false) {
  auto target = request.target;
  auto question = target.find('?');
  auto path = target.substr(0, question);
  auto slash = path.rfind('/');
  if (path.empty() || path.front() != '/') throw request_error{400, "request URI does not start with \"/\""};
  auto name = url_unquote_plus(path.substr(slash + 1));
  if (name.empty()) throw request_error{404, "no message name in the request URI"};
  auto found = types.find(name);
  if (found == types.end()) {
    if (default_to_request) return as_http_request(request);
    throw request_error{404, "no message named \"" + name + "\" is served here"};
  }
  const http_form& form = found->second;
  const type_record& type = *form.type;

  if (question != std::string_view::npos) {
    auto value = type.make_default();
    apply_pairs(form, value.get(), target.substr(question + 1), false);
    return message(std::shared_ptr<const void>(std::move(value)), &type);
  }
  auto media = media_type(request.content_type);
  if (media == "application/x-www-form-urlencoded") {
    auto value = type.make_default();
    apply_pairs(form, value.get(), request.body, true);
    return message(std::shared_ptr<const void>(std::move(value)), &type);
  }
  if (media == "application/json") {
    if (request.method != "POST")
      throw request_error{400, "a JSON body needs POST, not \"" + std::string(request.method) + "\""};
    return decode_json_body(type, request.body);
  }
  if (request.body.empty()) return message(type.make_default(), &type);
  throw request_error{400, "unexpected content type \"" + std::string(request.content_type) + "\" for a body"};
}

// "Mon, 01 Jan 2024 00:00:00 GMT", formatted once per second.
std::string http_date() {
  static std::mutex mutex;
  static std::time_t cached_second = 0;
  static std::string cached;
  std::time_t now = std::time(nullptr);
  std::lock_guard lock(mutex);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = text;
    cached_second = now;
  }
  return cached;
}

std::string response_bytes(int status, std::string_view reason, const std::map<std::string, std::string>& extra,
                           std::string_view body, bool keep_alive, std::string_view server) {
  std::string out;
  out.reserve(160 + body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += reason;
  out += "\r\nDate: ";
  out += http_date();
  out += "\r\nServer: ";
  out += server;
  out += "\r\nContent-Length: ";
  out += std::to_string(body.size());
  out += "\r\n";
  for (const auto& [name, value] : extra) {
    if (name == "Content-Length" || name == "Date" || name == "Server") continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  out += body;
  return out;
}

int status_of(const Faulted& f) {
  if (!f.error_code || *f.error_code < 100 || *f.error_code >= 600) return 500;
  return static_cast<int>(*f.error_code);
}

http_mapped map_typed(const http_type_table& types, const http_request_view& request, bool default_to_request) {
  try {
    message m = map_or_throw(types, request, default_to_request);
    if (auto refused = refusal_of(m)) {
      if (!refused->error_code) refused->error_code = 400;
      return {status_of(*refused), message(std::move(*refused))};
    }
    return {200, std::move(m)};
  } catch (const request_error& e) {
    std::string condition = "cannot recover request \"" + std::string(request.target) + "\"";
    return {e.status, message(Faulted(std::move(condition), e.reason, e.status))};
  } catch (const std::exception& e) {  // a type's own code threw (validate, a converter, bad_alloc)
    std::string condition = "cannot recover request \"" + std::string(request.target) + "\"";
    return {500, message(Faulted(std::move(condition), e.what(), 500))};
  }
}

http_mapped map_form(const compiled_form& form, const http_request_view& request) {
  std::string reason = "request URI does not match form";
  try {
    if (auto entries = match_form(form, request.target)) {
      FormRequest r;
      r.method = std::string(request.method);
      r.request = std::string(request.target);
      r.form_entry = std::move(*entries);
      r.http = std::string(request.version);
      if (request.header) r.header = *request.header;
      r.body = body_of(request);
      return {200, message(std::move(r))};
    }
  } catch (const std::runtime_error&) {
    reason = "request URI too costly to match";
  }
  HttpResponse refused;
  refused.status_code = 400;
  refused.reason_phrase = "Bad Request";
  refused.body = "cannot recover request \"" + std::string(request.target) + "\" (" + reason + ")";
  return {400, message(std::move(refused))};
}

}  // namespace

// The media type in lower case (RFC 9110 §8.3.1: matched case-insensitively), without parameters.
std::string media_type(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  auto type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lower(type);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

http_type_table make_type_table(std::vector<http_form> forms) {
  http_type_table table;
  for (auto& f : forms) table.emplace(f.type->name, std::move(f));
  return table;
}

std::string url_unquote_plus(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

http_mapped map_request(const http_routes& routes, const http_request_view& request) {
  if (routes.form) return map_form(*routes.form, request);
  return map_typed(routes.types, request, routes.default_to_request);
}

http_mapped map_request(const http_type_table& types, const http_request_view& request) {
  return map_typed(types, request, false);
}

std::string_view reason_for(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Not Allowed";
    case 408: return "Timeout";
    case 413: return "Too Large";
    case 415: return "Unsupported";
    case 431: return "Header Too Large";
    case 500: return "Server Error";
    case 503: return "Unavailable";
    case 504: return "Timeout";
  }
  if (status < 200) return "Information";
  if (status < 300) return "OK";
  if (status < 400) return "Multiple Choices";
  if (status < 500) return "Client Error";
  return "Server Error";
}

std::string build_response(int status, std::string_view content_type, std::string_view body, bool keep_alive,
                           std::string_view server) {
  std::map<std::string, std::string> extra;
  if (!content_type.empty()) extra.emplace("Content-Type", std::string(content_type));
  return response_bytes(status, reason_for(status), extra, body, keep_alive, server);
}

std::string response_for(const message& reply, bool keep_alive, std::string_view server) {
  try {
    if (const auto* r = reply.get<HttpResponse>()) {
      auto header = r->header;
      if (r->body && header.find("Content-Type") == header.end()) header.emplace("Content-Type", "plain/text");
      return response_bytes(static_cast<int>(r->status_code), r->reason_phrase, header, r->body.value_or(""), keep_alive,
                            server);
    }
    if (const auto* f = reply.get<Faulted>())
      return build_response(status_of(*f), "application/json", encode_any(reply), keep_alive, server);
    return build_response(200, "application/json", encode_any(reply), keep_alive, server);
  } catch (const std::exception& e) {
    return fault_response(500, "cannot encode reply \"" + reply.type_name() + "\"", e.what(), keep_alive, server);
  }
}

std::string fault_response(int status, std::string condition, std::string explanation, bool keep_alive,
                           std::string_view server) {
  message fault(Faulted(std::move(condition), std::move(explanation), status));
  return build_response(status, "application/json", encode_any(fault), keep_alive, server);
}

}  // namespace lc::detail
