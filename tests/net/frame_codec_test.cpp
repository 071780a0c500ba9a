#include "frame_codec.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "golden.hpp"
#include "test_types.hpp"

using namespace lc::detail;

namespace {

lc::address from_json(const boost::json::value& j) {
  const auto& a = j.as_array();
  lc::address out{static_cast<std::uint32_t>(a[0].as_int64())};
  for (std::size_t i = 1; i < a.size(); ++i) out = out.appended(static_cast<std::uint32_t>(a[i].as_int64()));
  return out;
}

// Replaces every "<uuid>:<i>" key by "K:<i>" so frames with random keys compare.
std::string without_uuids(std::string text) {
  static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:");
  return std::regex_replace(text, uuid, "K:");
}

// The size line changes with nothing else, since every uuid has the same length.
std::vector<raw_frame> parse_all(const std::string& bytes) {
  frame_parser parser;
  parser.feed(bytes);
  std::vector<raw_frame> frames;
  while (auto f = parser.next()) frames.push_back(std::move(*f));
  return frames;
}

// The body as its sender held it: the outbound translation of the book's addresses undone.
lc::message sender_view(const raw_frame& frame, const frame_ends& sender) {
  auto book = boost::json::parse(frame.book).at("value").as_array();
  lc::decode_context ctx;
  ctx.read_address = [&](const boost::json::value& key) {
    for (const auto& entry : book)
      if (entry.as_array()[0] == key) {
        auto a = from_json(entry.as_array()[1]);
        return a.local_id() == 0 ? a.without_last().appended(sender.proxy_id) : a;
      }
    throw std::runtime_error("key not in book");
  };
  return lc::decode_any(frame.body, ctx);
}

// Bytes the Python original sent to frame_interop_peer (scenarios/testing/INTEROP.md).
std::vector<raw_frame> captured(const std::string& file) {
  std::ifstream in(std::string(LC_CAPTURE_DIR) + "/" + file, std::ios::binary);
  return parse_all(std::string(std::istreambuf_iterator<char>(in), {}));
}

}  // namespace

TEST(frame_codec, fake_transport_cases_encode_byte_for_byte_except_uuid_keys) {
  int checked = 0;
  for (const auto& line : golden_lines("frames.jsonl")) {
    if (!line.at("source").as_string().starts_with("fake transport")) continue;
    std::string name(line.at("case").as_string());
    if (name == "tunnel_block") continue;  // we never send tunnel frames
    std::string bytes = golden_bytes(line.at("bytes"));
    frame_ends sender{static_cast<std::uint32_t>(line.at("sender_proxy_id").as_int64()),
                      static_cast<std::uint32_t>(line.at("sender_local_termination").as_int64())};
    auto frames = parse_all(bytes);
    ASSERT_EQ(frames.size(), 1u) << name;
    lc::message m = sender_view(frames[0], sender);
    std::string ours = encode_frame(m, from_json(line.at("to_address")), from_json(line.at("return_address")), sender);
    EXPECT_EQ(without_uuids(ours), without_uuids(bytes)) << name;
    if (frames[0].book == "{\"value\":[]}") { EXPECT_EQ(ours, bytes) << name; }
    ++checked;
  }
  EXPECT_EQ(checked, 18);
}

TEST(frame_codec, receiver_delivers_where_the_reference_receiver_did) {
  for (const auto& line : golden_lines("frames.jsonl")) {
    if (!line.at("source").as_string().starts_with("fake transport")) continue;
    if (!line.contains("receiver_delivers_to")) continue;
    std::string name(line.at("case").as_string());
    frame_ends receiver{static_cast<std::uint32_t>(line.at("receiver_proxy_id").as_int64()),
                        static_cast<std::uint32_t>(line.at("receiver_local_termination").as_int64())};
    auto frames = parse_all(golden_bytes(line.at("bytes")));
    ASSERT_EQ(frames.size(), 1u) << name;
    auto in = decode_frame(frames[0], receiver);
    EXPECT_EQ(in.to, from_json(line.at("receiver_delivers_to"))) << name;
    EXPECT_EQ(in.return_address, from_json(line.at("receiver_return_address"))) << name;
    std::string expected = golden_bytes(line.at("receiver_decoded"));
    if (!in.tunnel && !in.relay && expected.starts_with("{")) {  // some cases hold a Python repr
      EXPECT_EQ(without_uuids(lc::encode_any(in.body)), without_uuids(golden_bytes(line.at("receiver_decoded")))) << name;
    }
  }
}

TEST(frame_codec, addresses_in_a_body_travel_through_the_book_and_come_back_translated) {
  frame_ends a{100, 10};
  frame_ends b{200, 20};
  frame_api::Pointed p{"here", lc::address{5}};
  std::string bytes = encode_frame(lc::message(p), lc::address{7, 100}, lc::address{5}, a);
  static const std::regex layout(
      R"(\d+,\d+,\d+\n\{"value":\{"to_address":\[7,100\],"return_address":\[5\],"tunnel":false\}\})"
      R"(\{"value":\["frame_api.Pointed",\{"name":"here","where":"[0-9a-f-]{36}:0"\},\[\]\]\})"
      R"(\{"value":\[\["[0-9a-f-]{36}:0",\[5\]\]\]\}\n)");
  EXPECT_TRUE(std::regex_match(bytes, layout)) << bytes;
  auto in = decode_frame(parse_all(bytes).at(0), b);
  ASSERT_TRUE(in.body.get<frame_api::Pointed>());
  EXPECT_EQ(in.body.get<frame_api::Pointed>()->where, (lc::address{5, 200}));
  EXPECT_EQ(in.to, lc::address{7});
}

TEST(frame_codec, live_capture_frames_parse_and_decode_their_headers) {
  int parsed = 0;
  for (const auto& line : golden_lines("frames.jsonl")) {
    if (!line.at("source").as_string().starts_with("live capture")) continue;
    auto frames = parse_all(golden_bytes(line.at("bytes")));
    ASSERT_EQ(frames.size(), 1u);
    auto in = decode_frame(frames[0].header.empty() ? frames[0] : raw_frame{frames[0].header, "{\"value\":null}", frames[0].book},
                           frame_ends{23, 1});
    EXPECT_FALSE(in.tunnel);
    ++parsed;
  }
  EXPECT_EQ(parsed, 8);
}

TEST(frame_codec, a_frame_split_at_every_byte_parses_to_the_same_frame) {
  std::string one = encode_frame(lc::message(test_api::Xy{2, 3}), lc::address{7, 100}, lc::address{5}, {100, 10});
  std::string two = encode_frame(lc::message(table{{0.1, 0.5}, {1.0, 0.0001}}), lc::address{100}, lc::address{6}, {100, 10});
  std::string stream = one + two;
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    frame_parser parser;
    std::vector<raw_frame> got;
    parser.feed(std::string_view(stream).substr(0, cut));
    while (auto f = parser.next()) got.push_back(*f);
    parser.feed(std::string_view(stream).substr(cut));
    while (auto f = parser.next()) got.push_back(*f);
    ASSERT_EQ(got.size(), 2u) << "cut at " << cut;
    auto in = decode_frame(got[0], {200, 20});
    ASSERT_TRUE(in.body.get<test_api::Xy>());
    EXPECT_EQ(in.body.get<test_api::Xy>()->y, 3);
  }
  frame_parser bytewise;
  int count = 0;
  for (char c : stream) {
    bytewise.feed(std::string_view(&c, 1));
    while (bytewise.next()) ++count;
  }
  EXPECT_EQ(count, 2);
}

TEST(frame_codec, malformed_frames_are_refused_with_a_reason) {
  auto refuses = [](std::string bytes, std::string_view reason) {
    frame_parser parser;
    parser.feed(bytes);
    try {
      while (parser.next()) {}
      ADD_FAILURE() << "accepted " << bytes;
    } catch (const frame_error& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  };
  refuses("1,2\nabc\n", "mangled");
  refuses("1,2,3,4\nabcd\n", "unexpected dimension");
  refuses("a,b,c\n", "unexpected dimension");
  refuses("5,5,6\nabcdef\n", "unlikely frame offsets");
  refuses("1,1,3\nabcX", "not terminated");
  refuses("123456789012345678901234567890", "mangled");
  refuses("0,0,99999999999\n", "oversize frame of 99999999999 bytes");
  // Well framed but not JSON: the decode step refuses it.
  frame_parser parser;
  parser.feed("3,3,9\nabcdefghi\n");
  auto f = parser.next();
  ASSERT_TRUE(f);
  EXPECT_THROW(decode_frame(*f, {1, 2}), std::runtime_error);
}

TEST(frame_codec, an_oversize_frame_is_refused_on_the_sending_side) {
  table big(100, std::vector<double>(100, 0.123456789));
  EXPECT_THROW(encode_frame(lc::message(big), lc::address{1, 2}, lc::address{3}, {2, 1}, 10000), frame_error);
  EXPECT_NO_THROW(encode_frame(lc::message(big), lc::address{1, 2}, lc::address{3}, {2, 1}));
}

TEST(frame_codec, address_translation_follows_the_reference_rules) {
  frame_ends ends{32, 9};
  EXPECT_EQ(address_from_wire({2, 4, 6}, ends), (lc::address{2, 4, 6, 32}));
  EXPECT_EQ(address_from_wire({2, 4, 0}, ends), (lc::address{2, 4}));
  EXPECT_EQ(address_from_wire({0}, ends), lc::address{9});
  EXPECT_EQ(address_to_wire(lc::address{7, 32}, ends), (lc::address{7, 0}));
  EXPECT_EQ(address_to_wire(lc::address{5}, ends), lc::address{5});
}

TEST(frame_codec, a_received_body_without_addresses_is_encoded_again_as_the_bytes_received) {
  table t{{0.1, 1e-7}, {123456789.125, 2.0 / 3}};
  lc::message sent(t);
  auto frame = parse_all(encode_frame(sent, lc::address{7, 100}, lc::address{5}, {100, 10})).at(0);
  std::string body = frame.body;
  auto in = decode_frame(frame, {200, 20});
  ASSERT_NE(in.body.encoding(), nullptr);
  ASSERT_TRUE(in.body.get<table>());
  EXPECT_EQ(*in.body.get<table>(), t);  // decoded all the same
  EXPECT_EQ(lc::encode_any(in.body), body);  // an HTTP reply's body: the bytes received ...
  EXPECT_EQ(lc::encode_any(in.body), lc::encode_any(sent));  // ... which are ours, byte for byte
  EXPECT_EQ(lc::encode_any(lc::Returned{in.body}), lc::encode_any(lc::Returned{sent}));  // nested
  auto onward = parse_all(encode_frame(in.body, lc::address{9, 300}, lc::address{5}, {300, 30})).at(0);
  EXPECT_EQ(onward.body, body);  // relayed over another link
}

TEST(frame_codec, a_kept_body_is_copied_not_encoded_again) {
  // 1.50 is no encoder's output (ours writes 1.5): only a copy reproduces it.
  std::string body = R"({"value":["vector<vector<float8>>",[[1.50]],[]]})";
  auto in = decode_frame(raw_frame{R"({"value":{"to_address":[7,100],"return_address":[5]}})", body, R"({"value":[]})"},
                         {200, 20});
  EXPECT_EQ(lc::encode_any(in.body), body);
}

TEST(frame_codec, a_body_with_addresses_or_not_in_the_compact_envelope_is_encoded_afresh) {
  auto with_address = parse_all(encode_frame(lc::message(frame_api::Pointed{"here", lc::address{5}}),
                                             lc::address{7, 100}, lc::address{5}, {100, 10})).at(0);
  EXPECT_EQ(decode_frame(with_address, {200, 20}).body.encoding(), nullptr);  // its keys mean nothing here
  for (std::string text : {R"({"value": ["test_api.Xy",{"x":2,"y":3},[]]})",
                           R"({"value":["test_api.Xy",{"x":2,"y":3},[]],"extra":[]})",
                           R"({"value":["test_api.Xy",{"x":2,"y":3},[]]} )", R"({"value":null})"}) {
    auto m = lc::decode_any_keeping_text(text);
    EXPECT_EQ(m.encoding(), nullptr) << text;
    if (m) { EXPECT_EQ(lc::encode_any(m), R"({"value":["test_api.Xy",{"x":2,"y":3},[]]})") << text; }
  }
}

// Python drove our listener (proxy 5, listener 3, worker 4): Xy to the listener, Xy to the
// worker's translated address, Pointed carrying its own address, Xy to the address we gave back.
TEST(frame_codec, frames_captured_from_the_python_original_arrive_where_it_meant_them) {
  auto frames = captured("python_drive_to_our_listener.frames");
  ASSERT_EQ(frames.size(), 4u);
  frame_ends ours{5, 3};
  std::vector<std::string> seen;
  for (const auto& f : frames) {
    auto in = decode_frame(f, ours);
    std::string line = in.body.type_name() + " to " + std::to_string(in.to.local_id());
    EXPECT_EQ(in.return_address, (lc::address{19, 5}));
    if (auto* p = in.body.get<frame_api::Pointed>()) { EXPECT_EQ(p->where, (lc::address{19, 5})); }
    seen.push_back(line);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Xy to 3", "Xy to 4", "Pointed to 3", "Xy to 4"}));
}

// Python answered our driver (its proxy 21, listener 19, worker 20): tables, a Pointed with its
// worker's address, and ours echoed home as [3,0]. Our encoder writes the same bytes.
TEST(frame_codec, our_encoder_writes_what_the_python_original_wrote_for_the_same_messages) {
  auto frames = captured("python_listener_to_our_drive.frames");
  ASSERT_EQ(frames.size(), 5u);
  frame_ends python{21, 19};
  for (const auto& f : frames) {
    auto header = boost::json::parse(f.header).at("value");
    auto python_wrote = std::to_string(f.header.size()) + ',' + std::to_string(f.body.size()) + ',' +
                        std::to_string(f.header.size() + f.body.size() + f.book.size()) + '\n' + f.header + f.body +
                        f.book + '\n';
    std::string ours = encode_frame(sender_view(f, python), from_json(header.at("to_address")),
                                    from_json(header.at("return_address")), python);
    EXPECT_EQ(without_uuids(ours), without_uuids(python_wrote));
  }
  EXPECT_NE(frames[3].book.find(",[3,0]]"), std::string::npos) << frames[3].book;
}

// A Python library child's first frame: PublishedDirectory, a type we do not register, with its
// directory's address in the body. Forwarded on, the key must come with its book entry: without
// it the Python original refused the frame and closed the connection (INTEROP.md).
TEST(frame_codec, an_unregistered_message_forwarded_on_keeps_the_addresses_in_its_body) {
  auto frames = captured("python_published_directory.frames");
  ASSERT_EQ(frames.size(), 1u);
  auto in = decode_frame(frames[0], frame_ends{5, 4});
  const auto* unknown = in.body.get<lc::Incognito>();
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->type_name, "layer_cake.object_directory.PublishedDirectory");
  std::string sent = encode_frame(in.body, in.return_address, lc::address{4}, frame_ends{5, 4});
  auto out = parse_all(sent).at(0);
  EXPECT_EQ(out.body, frames[0].body);  // same word, same key
  auto key = boost::json::parse(frames[0].book).at("value").at(0).at(0);
  EXPECT_EQ(boost::json::serialize(boost::json::parse(out.book)),
            boost::json::serialize(boost::json::value{{"value", {{key, {16, 0}}}}}));
  // The Python side resolves the key to its own directory again.
  auto back = decode_frame(out, frame_ends{20, 16});
  ASSERT_TRUE(back.body.get<lc::Incognito>());
  EXPECT_EQ(back.body.get<lc::Incognito>()->address_book.at(0).second, lc::address{16});
}
