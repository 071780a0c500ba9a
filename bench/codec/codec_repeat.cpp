// Runs one codec operation on the benchmark's 8x8 table N times, for counting instructions:
//   valgrind --tool=callgrind codec_repeat encode 2000   (minus the count for N=0, divided by N)
// Instruction counts do not move with machine load the way times do.
#include <cstring>
#include <random>

#include "lc/codec.hpp"

using table = std::vector<std::vector<double>>;
LC_TYPE(std::vector<std::vector<double>>)

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::mt19937_64 random(20250101);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  table t(8, std::vector<double>(8));
  boost::json::array rows;
  for (auto& row : t) {
    boost::json::array cells;
    for (auto& v : row) cells.emplace_back(v = unit(random));
    rows.emplace_back(std::move(cells));
  }
  const boost::json::value dom = boost::json::object{{"value", std::move(rows)}};
  const std::string text = lc::encode(t);
  const int n = std::atoi(argv[2]);
  const std::string_view op = argv[1];
  std::size_t sum = 0;
  for (int i = 0; i < n; ++i) {
    if (op == "encode") sum += lc::encode(t).size();
    else if (op == "boost_serialize") sum += boost::json::serialize(dom).size();
    else if (op == "decode") sum += lc::decode<table>(text).size();
    else if (op == "boost_parse") sum += boost::json::parse(text).as_object().size();
    else return 2;
  }
  return sum == 1 ? 1 : 0;
}
