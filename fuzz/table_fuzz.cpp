// The table reader (the fast road for float tables) against the general decoder: whenever the
// fast road accepts a text, the general road must accept it too, to the same shape and the same
// bits in every cell.
#include <cstring>

#include "fuzz_check.hpp"
#include "lc/codec.hpp"

namespace {

template <class F>
bool same_bits(F a, F b) {
  return std::memcmp(&a, &b, sizeof(F)) == 0;
}

template <class F>
bool same(const std::vector<F>& a, const std::vector<F>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_bits(a[i], b[i])) return false;
  return true;
}

template <class T>
bool same(const std::vector<std::vector<T>>& a, const std::vector<std::vector<T>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

// decode<T> without its fast road.
template <class T>
T general(std::string_view text) {
  auto document = lc::parse_json(text);
  T value{};
  lc::decode_context ctx;
  lc::decode_value(lc::detail::envelope_value(document), value, ctx);
  return value;
}

template <class T>
void compare(std::string_view text) {
  T fast;
  if (!lc::detail::table_reader(text).read_envelope(fast)) return;
  T slow;
  try {
    slow = general<T>(text);
  } catch (const lc::codec_error& e) {
    FUZZ_CHECK(false, std::string("the table reader took what the decoder refuses (") + e.what() + "): " + std::string(text));
  }
  FUZZ_CHECK(same(fast, slow), "the two roads disagree on " + std::string(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fuzz::text(data, size);
  compare<std::vector<double>>(text);
  compare<std::vector<float>>(text);
  compare<std::vector<std::vector<double>>>(text);
  compare<std::vector<std::vector<float>>>(text);
  compare<std::vector<std::vector<std::vector<double>>>>(text);
  return 0;
}
