#pragma once
// Messages shared by the codec tests: the demos' test_api.Xy and a few reference messages that
// other areas own (written here by signature only, so no registration can collide).
#include <cstdint>
#include <optional>
#include <string>

#include "lc/codec.hpp"
#include "lc/messages.hpp"

namespace codec_test {

struct Xy {
  std::int64_t x = 1;
  std::int64_t y = 1;
  friend bool operator==(const Xy&, const Xy&) = default;
};
BOOST_DESCRIBE_STRUCT(Xy, (), (x, y))

// Xy as Python can hold it: Xy(None, None). Named, never registered.
struct NullableXy {
  std::optional<std::int64_t> x = 1;
  std::optional<std::int64_t> y = 1;
};
BOOST_DESCRIBE_STRUCT(NullableXy, (), (x, y))

enum class EndOfTransport { ON_REQUEST = 1, ABANDONED_BY_REMOTE, WENT_STALE, OUTBOUND_STREAMING, INBOUND_STREAMING };
BOOST_DESCRIBE_ENUM(EndOfTransport, ON_REQUEST, ABANDONED_BY_REMOTE, WENT_STALE, OUTBOUND_STREAMING, INBOUND_STREAMING)

struct Close {
  lc::message message;
  EndOfTransport reason = EndOfTransport::ON_REQUEST;
  std::string note;
  std::optional<std::int64_t> error_code;
};
BOOST_DESCRIBE_STRUCT(Close, (), (message, reason, note, error_code))

struct KeepAlive {
  double seconds = 0.0;
};
BOOST_DESCRIBE_STRUCT(KeepAlive, (), (seconds))

struct StillThere {
  double seconds = 0.0;
};
BOOST_DESCRIBE_STRUCT(StillThere, (), (seconds))

}  // namespace codec_test

LC_MESSAGE(codec_test::Xy, "test_api.Xy")
LC_TYPE(std::vector<std::vector<double>>)

template <>
struct lc::registered_name<codec_test::NullableXy> {
  static constexpr std::string_view value = "test_api.Xy";
};
template <>
struct lc::registered_name<codec_test::EndOfTransport> {
  static constexpr std::string_view value = "layer_cake.listen_connect.EndOfTransport";
};
template <>
struct lc::registered_name<codec_test::Close> {
  static constexpr std::string_view value = "layer_cake.listen_connect.Close";
};
template <>
struct lc::registered_name<codec_test::KeepAlive> {
  static constexpr std::string_view value = "layer_cake.listen_connect.KeepAlive";
};
template <>
struct lc::registered_name<codec_test::StillThere> {
  static constexpr std::string_view value = "layer_cake.listen_connect.StillThere";
};
