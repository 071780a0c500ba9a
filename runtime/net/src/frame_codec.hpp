#pragma once
// The internal protocol's frames (wire-contract §5): `n0,n1,n3\n` + header JSON + body + address book + `\n`.
// Encoding runs on the sender's thread; parsing is incremental so a frame may arrive split anywhere.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lc/codec.hpp"
#include "lc/net_options.hpp"

namespace lc::detail {

struct frame_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Large enough for a 1000x1000 table of doubles (about 20 MB); the reference caps at 1 MiB.

// One side of a connection: its proxy id P and the object that called listen/connect, L (§5.2).
struct frame_ends {
  std::uint32_t proxy_id = 0;
  std::uint32_t local_termination = 0;
};

// Outbound address translation: an address that came in over this connection goes home as [.., 0].
address address_to_wire(const address& a, const frame_ends& ends);
address address_from_wire(const std::vector<std::uint32_t>& ids, const frame_ends& ends);

// Throws frame_error (oversize) or codec_error (unencodable value). `book_addresses`, when given,
// receives the addresses written into the frame's address book.
std::string encode_frame(const message& m, const address& to, const address& return_address,
                         const frame_ends& ends, std::size_t cap = default_frame_cap,
                         std::vector<address>* book_addresses = nullptr);
// A relayed frame keeps its body bytes; only the header and the book are written again.
std::string encode_relay_frame(std::string_view body, const std::vector<std::pair<std::string, address>>& book,
                               const address& to, const address& return_address, const frame_ends& ends,
                               std::size_t cap = default_frame_cap);

struct raw_frame {
  std::string header;
  std::string body;
  std::string book;
};

class frame_parser {
 public:
  explicit frame_parser(std::size_t cap = default_frame_cap) : cap_(cap) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame, or nothing yet. Throws frame_error on malformed input.
  std::optional<raw_frame> next();

 private:
  std::size_t cap_;
  std::string buffer_;
  std::size_t consumed_ = 0;
};

struct inbound_frame {
  address to;              // local destination after translation
  address return_address;  // translated: usable with send() here
  bool tunnel = false;
  bool relay = false;      // `to` still routes onward: body left undecoded
  message body;
  std::string raw_body;
  std::vector<std::pair<std::string, address>> book;  // translated
};

// Throws frame_error or codec_error.
// A body without addresses keeps its text, so that relaying it again encodes nothing.
inbound_frame decode_frame(raw_frame frame, const frame_ends& ends);

}  // namespace lc::detail
