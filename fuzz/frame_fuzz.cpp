// The frame parser and decoder on arbitrary bytes. Invariants: no frame over the cap is accepted;
// the frames do not depend on how the bytes were split; a decoded frame, encoded again, decodes
// to the same body. (A body kept as text is relayed as received, unknown members and all, which
// is not what encode_any writes for the value: see README, Fuzzing.)
#include <optional>
#include <vector>

#include "frame_codec.hpp"
#include "fuzz_check.hpp"
#include "test_types.hpp"

using namespace lc::detail;

namespace {

struct parsed {
  std::vector<raw_frame> frames;
  bool failed = false;
};

parsed parse(std::string_view bytes, std::size_t cap, std::size_t chunk) {
  frame_parser parser(cap);
  parsed out;
  try {
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
      parser.feed(bytes.substr(at, chunk));
      while (auto f = parser.next()) out.frames.push_back(std::move(*f));
    }
  } catch (const frame_error&) {
    out.failed = true;
  }
  return out;
}

// Addresses differ by design between the two sides of a link; the rest must not.
std::string without_addresses(const lc::message& m) {
  lc::encode_context ctx;
  ctx.write_address = [](const lc::address&, std::string& out) { out += "\"A\""; };
  return lc::encode_any(m, ctx);
}

std::optional<inbound_frame> decoded(raw_frame frame, const frame_ends& ends) {
  try {
    return decode_frame(std::move(frame), ends);
  } catch (const frame_error&) {
  } catch (const lc::codec_error&) {
  }
  return std::nullopt;
}

// The body as a value: a body without addresses is decoded again, since the decoder keeps its text.
lc::message value_of(const inbound_frame& in, const raw_frame& frame) {
  return in.book.empty() ? lc::decode_any(frame.body) : in.body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t cap = std::size_t{16} << (data[0] % 12);
  std::size_t chunk = 1 + data[1] % 64;
  auto bytes = fuzz::text(data + 2, size - 2);
  auto whole = parse(bytes, cap, bytes.size() + 1);
  auto split = parse(bytes, cap, chunk);
  FUZZ_CHECK(whole.frames.size() == split.frames.size() && whole.failed == split.failed,
             "whole " + std::to_string(whole.frames.size()) + " frames, split " + std::to_string(split.frames.size()));
  const frame_ends ends{7, 3};
  for (std::size_t i = 0; i < whole.frames.size(); ++i) {
    const auto& f = whole.frames[i];
    FUZZ_CHECK(f.header.size() + f.body.size() + f.book.size() <= cap, "frame over its cap");
    FUZZ_CHECK(f.header == split.frames[i].header && f.body == split.frames[i].body && f.book == split.frames[i].book,
               "frame " + std::to_string(i) + " differs when split");
    auto in = decoded(f, ends);
    if (!in || in->tunnel) continue;
    auto value = value_of(*in, f);
    std::string body = without_addresses(value);
    std::string again;
    try {
      again = encode_frame(value, in->to, in->return_address, ends);
    } catch (const frame_error&) {
      continue;  // the re-encoded book can be longer than the cap, which is the sender's to refuse
    }
    auto reparsed = parse(again, lc::default_frame_cap, again.size());
    FUZZ_CHECK(reparsed.frames.size() == 1 && !reparsed.failed, "our own frame does not parse: " + again);
    auto back = decoded(reparsed.frames[0], ends);
    FUZZ_CHECK(back.has_value(), "our own frame does not decode: " + again);
    auto returned = without_addresses(value_of(*back, reparsed.frames[0]));
    FUZZ_CHECK(returned == body, body + " came back as " + returned);
  }
  return 0;
}
