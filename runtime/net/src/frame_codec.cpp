#include "frame_codec.hpp"

#include <charconv>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "memory_release.hpp"

namespace lc::detail {
namespace {

void write_ids(const address& a, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(a[i]);
  }
  out += ']';
}

std::string header_json(const address& to, const address& return_address, bool tunnel, const frame_ends& ends) {
  std::string out = "{\"value\":{\"to_address\":";
  write_ids(to, out);
  out += ",\"return_address\":";
  write_ids(address_to_wire(return_address, ends), out);
  out += tunnel ? ",\"tunnel\":true}}" : ",\"tunnel\":false}}";
  return out;
}

std::string book_json(const std::vector<std::pair<std::string, address>>& book, const frame_ends& ends) {
  std::string out = "{\"value\":[";
  bool first = true;
  for (const auto& [key, a] : book) {
    if (!first) out += ',';
    first = false;
    out += '[';
    write_string(key, out);
    out += ',';
    write_ids(address_to_wire(a, ends), out);
    out += ']';
  }
  out += "]}";
  return out;
}

std::string assemble(const std::string& header, std::string_view body, const std::string& book, std::size_t cap) {
  std::size_t n3 = header.size() + body.size() + book.size();
  if (n3 > cap)
    throw frame_error("oversize frame of " + std::to_string(n3) + " bytes (cap " + std::to_string(cap) + ")");
  std::string out = std::to_string(header.size()) + ',' + std::to_string(body.size()) + ',' + std::to_string(n3) + '\n';
  out.reserve(out.size() + n3 + 1);
  out += header;
  out += body;
  out += book;
  out += '\n';
  return out;
}

std::vector<std::uint32_t> read_ids(const boost::json::value& j, std::string_view what) {
  if (!j.is_array() || j.get_array().empty() || j.get_array().size() > address::max_parts)
    throw frame_error("frame " + std::string(what) + " is not an address");
  std::vector<std::uint32_t> ids;
  for (const auto& e : j.get_array()) {
    if (!e.is_int64() || e.get_int64() < 0 || e.get_int64() > UINT32_MAX)
      throw frame_error("frame " + std::string(what) + " holds a bad id");
    ids.push_back(static_cast<std::uint32_t>(e.get_int64()));
  }
  return ids;
}

address make_address(const std::vector<std::uint32_t>& ids) {
  address a{ids[0]};
  for (std::size_t i = 1; i < ids.size(); ++i) a = a.appended(ids[i]);
  return a;
}

const boost::json::value& envelope_value(const std::string& text, std::string_view what) {
  thread_local boost::json::value document;
  document = parse_json(text);
  auto* found = document.is_object() ? document.get_object().if_contains("value") : nullptr;
  if (found == nullptr) throw frame_error("frame " + std::string(what) + " has no \"value\"");
  return *found;
}

}  // namespace

address address_to_wire(const address& a, const frame_ends& ends) {
  if (a.size() > 1 && a.local_id() == ends.proxy_id) return a.without_last().appended(0);
  if (a.size() == 1 && a.local_id() == ends.proxy_id) return address{};  // (P,) is the peer's own end
  return a;
}

address address_from_wire(const std::vector<std::uint32_t>& ids, const frame_ends& ends) {
  if (ids.back() == 0) {
    if (ids.size() == 1) return address{ends.local_termination};
    return make_address({ids.begin(), ids.end() - 1});
  }
  if (ids.size() >= address::max_parts) throw frame_error("address route longer than 8 ids");
  return make_address(ids).appended(ends.proxy_id);
}

std::string encode_frame(const message& m, const address& to, const address& return_address,
                         const frame_ends& ends, std::size_t cap, std::vector<address>* book_addresses) {
  std::vector<std::pair<std::string, address>> book;
  std::string uuid;
  encode_context ctx;
  ctx.write_address = [&](const address& a, std::string& out) {
    if (uuid.empty()) uuid = boost::uuids::to_string(boost::uuids::random_generator()());
    std::string key = uuid + ':' + std::to_string(book.size());
    write_string(key, out);
    book.emplace_back(std::move(key), a);
  };
  ctx.keep_in_book = [&](const std::string& key, const address& a) {
    for (const auto& entry : book)
      if (entry.first == key) return;
    book.emplace_back(key, a);
  };
  std::string body = encode_any(m, ctx);
  std::string bytes = assemble(header_json(to, return_address, false, ends), body, book_json(book, ends), cap);
  if (book_addresses)
    for (const auto& entry : book) book_addresses->push_back(entry.second);
  return bytes;
}

std::string encode_relay_frame(std::string_view body, const std::vector<std::pair<std::string, address>>& book,
                               const address& to, const address& return_address, const frame_ends& ends,
                               std::size_t cap) {
  return assemble(header_json(to, return_address, false, ends), body, book_json(book, ends), cap);
}

std::optional<raw_frame> frame_parser::next() {
  std::string_view pending(buffer_.data() + consumed_, buffer_.size() - consumed_);
  auto newline = pending.find('\n');
  if (newline == std::string_view::npos) {
    if (pending.size() > 23) throw frame_error("mangled frame dimensions (no line end within 23 bytes)");
    return std::nullopt;
  }
  if (newline > 23) throw frame_error("mangled frame dimensions (size line too long)");
  std::string_view line = pending.substr(0, newline);
  std::size_t n[3];
  std::size_t count = 0;
  const char* p = line.data();
  const char* end = line.data() + line.size();
  while (true) {
    if (count == 3) throw frame_error("unexpected dimension (more than 3 numbers)");
    auto [next, ec] = std::from_chars(p, end, n[count]);
    if (ec != std::errc() ) throw frame_error("unexpected dimension \"" + std::string(line) + "\"");
    ++count;
    p = next;
    if (p == end) break;
    if (*p != ',') throw frame_error("unexpected dimension \"" + std::string(line) + "\"");
    ++p;
  }
  if (count != 3) throw frame_error("mangled frame dimensions \"" + std::string(line) + "\"");
  if (n[0] > n[2] || n[0] + n[1] > n[2]) throw frame_error("unlikely frame offsets \"" + std::string(line) + "\"");
  if (n[2] > cap_) throw frame_error("oversize frame of " + std::to_string(n[2]) + " bytes");
  if (pending.size() < newline + 1 + n[2] + 1) return std::nullopt;
  std::string_view payload = pending.substr(newline + 1, n[2]);
  if (pending[newline + 1 + n[2]] != '\n') throw frame_error("frame not terminated by a line end");
  raw_frame frame{std::string(payload.substr(0, n[0])), std::string(payload.substr(n[0], n[1])),
                  std::string(payload.substr(n[0] + n[1]))};
  consumed_ += newline + 1 + n[2] + 1;
  if (consumed_ == buffer_.size()) {
    if (buffer_.capacity() > large_buffer_bytes) std::string().swap(buffer_);  // one large frame, not kept for ever
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > 65536 && consumed_ * 2 > buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return frame;
}

inbound_frame decode_frame(raw_frame frame, const frame_ends& ends) {
  inbound_frame in;
  {
    const auto& header = envelope_value(frame.header, "header");
    if (!header.is_object()) throw frame_error("frame header is not an object");
    const auto& h = header.get_object();
    auto* to = h.if_contains("to_address");
    auto* ret = h.if_contains("return_address");
    if (to == nullptr || ret == nullptr) throw frame_error("frame header without addresses");
    auto to_ids = read_ids(*to, "to_address");
    in.return_address = address_from_wire(read_ids(*ret, "return_address"), ends);
    if (auto* tunnel = h.if_contains("tunnel"); tunnel && tunnel->is_bool()) in.tunnel = tunnel->get_bool();
    if (to_ids.size() == 1) {
      in.to = address{ends.local_termination};
    } else {
      to_ids.pop_back();
      in.to = make_address(to_ids);
      in.relay = to_ids.size() > 1;
    }
  }
  {
    const auto& book = envelope_value(frame.book, "address book");
    if (!book.is_array()) throw frame_error("frame address book is not a list");
    for (const auto& entry : book.get_array()) {
      if (!entry.is_array() || entry.get_array().size() != 2 || !entry.get_array()[0].is_string())
        throw frame_error("frame address book entry is not a pair");
      in.book.emplace_back(std::string(entry.get_array()[0].get_string()),
                           address_from_wire(read_ids(entry.get_array()[1], "book entry"), ends));
    }
  }
  if (in.tunnel) {
    in.raw_body = frame.body;
    in.body = message(std::vector<std::uint8_t>(frame.body.begin(), frame.body.end()));
    return in;
  }
  // A relayed body is decoded too: the next proxy re-encodes it with its own book.
  decode_context ctx;
  ctx.book = &in.book;
  ctx.read_address = [&](const boost::json::value& j) -> address {
    if (!j.is_string()) ctx.fail("unhashable type: '" + std::string(json_kind(j)) + "'");
    auto key = std::string_view(j.get_string());
    for (const auto& [k, a] : in.book)
      if (k == key) return a;
    ctx.fail("address key \"" + std::string(key) + "\" not in the book");
  };
  in.body = in.book.empty() ? decode_any_keeping_text(std::move(frame.body), ctx) : decode_any(frame.body, ctx);
  return in;
}

}  // namespace lc::detail
