#pragma once
// The lines of a golden JSON Lines file in tests/golden (LC_GOLDEN_DIR); a missing file fails the test.
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

inline std::vector<boost::json::object> read_lines(const std::string& name) {
  std::ifstream file(std::string(LC_GOLDEN_DIR) + "/" + name);
  if (!file) ADD_FAILURE() << "golden file missing: " << LC_GOLDEN_DIR << "/" << name;
  std::vector<boost::json::object> lines;
  for (std::string line; std::getline(file, line);)
    if (!line.empty()) lines.push_back(boost::json::parse(line).as_object());
  return lines;
}

inline std::string text(const boost::json::value& j) { return std::string(j.as_string()); }
