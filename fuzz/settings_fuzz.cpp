// Settings from argv: arguments are the input split at NUL bytes. Invariants: only settings_error
// escapes (any other exception ends the fuzzer); what decodes, encoded as a child's arguments
// (encode_settings), decodes to the same settings; the standard flags too.
#include "fuzz_check.hpp"
#include "sample_settings.hpp"

namespace {

using test_settings::sample;

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> args;
  if (text.empty()) return args;
  for (std::size_t at = 0; at <= text.size();) {
    auto end = std::min(text.find('\0', at), text.size());
    args.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return args;
}

std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += a + ' ';
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto args = split(fuzz::text(data, size));
  lc::command_line standard;
  sample settings;
  try {
    settings = lc::decode_settings<sample>(args, standard);
  } catch (const lc::settings_error&) {
    return 0;
  }
  auto encoded = lc::encode_settings(settings);
  auto standard_encoded = lc::encode_settings(standard);
  std::vector<std::string> both = standard_encoded;
  both.insert(both.end(), encoded.begin(), encoded.end());
  lc::command_line standard_again;
  sample again;
  try {
    again = lc::decode_settings<sample>(both, standard_again);
  } catch (const lc::settings_error& e) {
    FUZZ_CHECK(false, std::string("our own arguments are refused (") + e.what() + "): " + joined(both));
  }
  FUZZ_CHECK(lc::encode_settings(again) == encoded, joined(encoded) + "came back as " + joined(lc::encode_settings(again)));
  FUZZ_CHECK(lc::encode_settings(standard_again) == standard_encoded,
             joined(standard_encoded) + "came back as " + joined(lc::encode_settings(standard_again)));
  return 0;
}
