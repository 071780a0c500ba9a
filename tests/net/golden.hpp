#pragma once
// Reads the golden JSON Lines files (one character per byte in "bytes" fields).
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#ifndef LC_GOLDEN_DIR
#error "LC_GOLDEN_DIR names tests/golden (set by tests/CMakeLists.txt)"
#endif

inline std::vector<boost::json::object> golden_lines(const std::string& file) {
  std::ifstream in(std::string(LC_GOLDEN_DIR) + "/" + file);
  if (!in) throw std::runtime_error("golden file missing: " LC_GOLDEN_DIR "/" + file);
  std::vector<boost::json::object> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(boost::json::parse(line).as_object());
  return lines;
}

// Code point N stands for byte N.
inline std::string golden_bytes(const boost::json::value& text) {
  std::string utf8(text.as_string());
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    if (c < 0x80) { out += static_cast<char>(c); ++i; continue; }
    unsigned code = ((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F);  // two-byte sequences only (<= 0xFF)
    out += static_cast<char>(code);
    i += 2;
  }
  return out;
}
