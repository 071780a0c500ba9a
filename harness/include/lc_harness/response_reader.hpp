#pragma once
#include <boost/beast/http/basic_parser.hpp>
#include <string>

namespace lc::harness {

namespace http = boost::beast::http;

// A response parser that keeps only the status, whether the body is JSON, and the body,
// appended into a caller-owned string so the hot path reuses one buffer.
class response_reader : public http::basic_parser<false> {
public:
  explicit response_reader(std::string& body) : body_(body) {
    body_.clear();
    body_limit(64 * 1024 * 1024);
  }
  unsigned status() const { return status_; }
  bool json() const { return json_; }

private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

  void on_request_impl(http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int code, string_view, int, error_code&) override {
    status_ = static_cast<unsigned>(code);
  }
  void on_field_impl(http::field name, string_view, string_view value, error_code&) override {
    if (name == http::field::content_type) json_ = value.starts_with("application/json");
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    if (length) body_.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(string_view s, error_code&) override {
    body_.append(s.data(), s.size());
    return s.size();
  }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view s, error_code&) override {
    body_.append(s.data(), s.size());
    return s.size();
  }
  void on_finish_impl(error_code&) override {}

  std::string& body_;
  unsigned status_ = 0;
  bool json_ = false;
};

}  // namespace lc::harness
