// The JSON codec. Differential: lc::parse_json reads with Boost.JSON first (doubles re-read exactly)
// and with the Python-compatible reader when Boost refuses, so where Boost reads a text the Python
// reader must read it to the same value, bit for bit; and parse_json refuses exactly what the
// Python reader refuses. Round trip: an encoded message decodes and encodes again to the same bytes.
#include <bit>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "fuzz_check.hpp"
#include "python_json.hpp"
#include "test_types.hpp"

namespace {

std::optional<boost::json::value> boost_read(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  return value;
}

std::optional<boost::json::value> python_read(std::string_view text) {
  try {
    return lc::detail::parse_python_json(text);
  } catch (const lc::codec_error&) {
    return std::nullopt;
  }
}

std::optional<boost::json::value> lc_read(std::string_view text) {
  try {
    return lc::parse_json(text);
  } catch (const lc::codec_error&) {
    return std::nullopt;
  }
}

// boost::json's == takes 0.0 for -0.0 and 1 (int64) for 1 (uint64).
bool same(const boost::json::value& a, const boost::json::value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.is_double()) return std::bit_cast<std::uint64_t>(a.get_double()) == std::bit_cast<std::uint64_t>(b.get_double());
  if (a.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
      if (i->key() != j->key() || !same(i->value(), j->value())) return false;
    return true;
  }
  return a == b;
}

void round_trip(std::string_view text) {
  lc::message m;
  try {
    m = lc::decode_any(text);
  } catch (const lc::codec_error&) {
    return;
  }
  std::string once;
  try {
    once = lc::encode_any(m);
  } catch (const lc::codec_error&) {
    return;  // NaN in a type that has no text for it, say: refused, as the reference refuses it
  }
  std::string twice;
  try {
    twice = lc::encode_any(lc::decode_any(once));
  } catch (const lc::codec_error& e) {
    FUZZ_CHECK(false, "our own encoding " + once + " does not decode: " + e.what());
  }
  FUZZ_CHECK(once == twice, once + " encodes again as " + twice);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fuzz::text(data, size);
  auto by_python = python_read(text);
  auto by_lc = lc_read(text);
  FUZZ_CHECK(by_lc.has_value() == by_python.has_value(), "parse_json and the Python reader disagree on " + std::string(text));
  if (boost_read(text)) {
    FUZZ_CHECK(by_python.has_value(), "Boost reads it, the Python reader refuses it: " + std::string(text));
    FUZZ_CHECK(same(*by_lc, *by_python),
               "Boost road " + boost::json::serialize(*by_lc) + ", Python " + boost::json::serialize(*by_python));
  }
  round_trip(text);
  return 0;
}
