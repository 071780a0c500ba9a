#pragma once
// The connection messages of the reference (layer_cake.listen_connect.*, layer_cake.http.*).
// They are local events: only KeepAlive/StillThere and the HTTP bodies ever cross a socket.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lc/messages.hpp"
#include "lc/re_form.hpp"

namespace lc {

enum class EndOfTransport { ON_REQUEST = 1, ABANDONED_BY_REMOTE, WENT_STALE, OUTBOUND_STREAMING, INBOUND_STREAMING };
BOOST_DESCRIBE_ENUM(EndOfTransport, ON_REQUEST, ABANDONED_BY_REMOTE, WENT_STALE, OUTBOUND_STREAMING, INBOUND_STREAMING)

struct ListenForStream {
  std::string lid;  // uuid text
  HostPort requested_ipp;
  bool encrypted = false;
  std::vector<std::string> http_server;  // bare names of the message types served over HTTP
  std::optional<ReForm> uri_form;        // set: requests are FormRequests
  bool default_to_request = false;       // unknown names reach the app as HttpRequest
};
BOOST_DESCRIBE_STRUCT(ListenForStream, (), (lid, requested_ipp, encrypted, http_server, uri_form, default_to_request))

struct ConnectStream {
  HostPort requested_ipp;
  bool encrypted = false;
  bool keep_alive = false;
  std::optional<std::string> http_client;  // path prefix; set means HTTP client mode
  bool layer_cake_json = false;
};
BOOST_DESCRIBE_STRUCT(ConnectStream, (), (requested_ipp, encrypted, keep_alive, http_client, layer_cake_json))

struct StopListening {
  std::string lid;
};
BOOST_DESCRIBE_STRUCT(StopListening, (), (lid))

struct Listening {
  ListenForStream request;
  HostPort listening_ipp;
  address controller_address;
};
BOOST_DESCRIBE_STRUCT(Listening, (), (request, listening_ipp, controller_address))

struct Accepted {
  Listening listening;
  HostPort opened_ipp;  // the remote peer
  address proxy_address;
  std::string opened_at;  // UTC, ISO 8601
};
BOOST_DESCRIBE_STRUCT(Accepted, (), (listening, opened_ipp, proxy_address, opened_at))

struct Connected {
  ConnectStream request;
  HostPort opened_ipp;  // the local end
  address proxy_address;
  std::string opened_at;
};
BOOST_DESCRIBE_STRUCT(Connected, (), (request, opened_ipp, proxy_address, opened_at))

struct NotListening : Faulted {
  ListenForStream request;
  using Faulted::Faulted;
  NotListening() = default;
};
BOOST_DESCRIBE_STRUCT(NotListening, (Faulted), (request))

struct NotAccepted : Faulted {
  Listening listening;
  using Faulted::Faulted;
  NotAccepted() = default;
};
BOOST_DESCRIBE_STRUCT(NotAccepted, (Faulted), (listening))

struct NotConnected : Faulted {
  ConnectStream request;
  using Faulted::Faulted;
  NotConnected() = default;
};
BOOST_DESCRIBE_STRUCT(NotConnected, (Faulted), (request))

// Sent by the app to a connection's proxy address.
struct Close {
  lc::message message;
  EndOfTransport reason = EndOfTransport::ON_REQUEST;
  std::optional<std::string> note;
  std::optional<std::int64_t> error_code;
};
BOOST_DESCRIBE_STRUCT(Close, (), (message, reason, note, error_code))

struct Closed {
  lc::message message;
  EndOfTransport reason = EndOfTransport::ON_REQUEST;
  std::optional<std::string> note;
  std::optional<std::int64_t> error_code;
  HostPort opened_ipp;
  std::string opened_at;
};
BOOST_DESCRIBE_STRUCT(Closed, (), (message, reason, note, error_code, opened_ipp, opened_at))

struct KeepAlive {
  double seconds = 60.0;
};
BOOST_DESCRIBE_STRUCT(KeepAlive, (), (seconds))

struct StillThere {
  double seconds = 60.0;
};
BOOST_DESCRIBE_STRUCT(StillThere, (), (seconds))

// A request the HTTP server could not map, or one an app sends through an HTTP client.
// `body` is text here (the reference's `block` is not a portable type of ours yet).
struct HttpRequest {
  std::string method = "GET";
  std::string request_uri = "/";
  std::string http = "HTTP/1.1";
  std::map<std::string, std::string> header;
  std::optional<std::string> body;
};
BOOST_DESCRIBE_STRUCT(HttpRequest, (), (method, request_uri, http, header, body))

// A request whose URI matched the listener's ReForm: what each field matched (null when an
// optional part of the form was absent), and the rest of the request as it came.
struct FormRequest {
  std::string method = "POST";
  std::string request;  // the request URI
  std::map<std::string, std::optional<std::string>> form_entry;
  std::string http = "HTTP/1.1";
  std::map<std::string, std::string> header;
  std::optional<std::string> body;
};
BOOST_DESCRIBE_STRUCT(FormRequest, (), (method, request, form_entry, http, header, body))

struct HttpResponse {
  std::string http = "HTTP/1.1";
  std::int64_t status_code = 200;
  std::string reason_phrase = "OK";
  std::map<std::string, std::string> header;
  std::optional<std::string> body;
};
BOOST_DESCRIBE_STRUCT(HttpResponse, (), (http, status_code, reason_phrase, header, body))

}  // namespace lc

LC_MESSAGE(lc::EndOfTransport, "layer_cake.listen_connect.EndOfTransport")
LC_MESSAGE(lc::ListenForStream, "layer_cake.listen_connect.ListenForStream")
LC_MESSAGE(lc::ConnectStream, "layer_cake.listen_connect.ConnectStream")
LC_MESSAGE(lc::StopListening, "layer_cake.listen_connect.StopListening")
LC_MESSAGE(lc::Listening, "layer_cake.listen_connect.Listening")
LC_MESSAGE(lc::Accepted, "layer_cake.listen_connect.Accepted")
LC_MESSAGE(lc::Connected, "layer_cake.listen_connect.Connected")
LC_MESSAGE(lc::NotListening, "layer_cake.listen_connect.NotListening")
LC_MESSAGE(lc::NotAccepted, "layer_cake.listen_connect.NotAccepted")
LC_MESSAGE(lc::NotConnected, "layer_cake.listen_connect.NotConnected")
LC_MESSAGE(lc::Close, "layer_cake.listen_connect.Close")
LC_MESSAGE(lc::Closed, "layer_cake.listen_connect.Closed")
LC_MESSAGE(lc::KeepAlive, "layer_cake.listen_connect.KeepAlive")
LC_MESSAGE(lc::StillThere, "layer_cake.listen_connect.StillThere")
LC_MESSAGE(lc::HttpRequest, "layer_cake.http.HttpRequest")
LC_MESSAGE(lc::HttpResponse, "layer_cake.http.HttpResponse")
LC_MESSAGE(lc::FormRequest, "layer_cake.http.FormRequest")
