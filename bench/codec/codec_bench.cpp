// JSON encode and decode of an 8x8 and a 100x100 table, each next to plain Boost.JSON
// serialize/parse of the same data in the same run (the target is >= 0.8x the baseline).
#include <random>

#include <benchmark/benchmark.h>

#include "lc/codec.hpp"

namespace {

using table = std::vector<std::vector<double>>;

table make_table(std::size_t n) {
  std::mt19937_64 random(20250101);
  std::uniform_real_distribution<double> unit(0.0, 1.0);  // like random.random()
  table t(n, std::vector<double>(n));
  for (auto& row : t)
    for (auto& v : row) v = unit(random);
  return t;
}

boost::json::value as_dom(const table& t) {
  boost::json::array rows;
  for (const auto& row : t) {
    boost::json::array cells;
    for (double v : row) cells.emplace_back(v);
    rows.emplace_back(std::move(cells));
  }
  return boost::json::object{{"value", std::move(rows)}};
}

void set_rates(benchmark::State& state, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void encode_table(benchmark::State& state) {
  auto t = make_table(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto text = lc::encode(t);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  set_rates(state, bytes);
}

void baseline_boost_serialize(benchmark::State& state) {
  auto dom = as_dom(make_table(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto text = boost::json::serialize(dom);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  set_rates(state, bytes);
}

void decode_table(benchmark::State& state) {
  auto text = lc::encode(make_table(state.range(0)));
  for (auto _ : state) {
    auto t = lc::decode<table>(text);
    benchmark::DoNotOptimize(t);
  }
  set_rates(state, text.size());
}

void baseline_boost_parse(benchmark::State& state) {
  auto text = lc::encode(make_table(state.range(0)));
  for (auto _ : state) {
    auto dom = boost::json::parse(text);
    benchmark::DoNotOptimize(dom);
  }
  set_rates(state, text.size());
}

void encode_any_table(benchmark::State& state) {
  lc::message m(make_table(state.range(0)));
  for (auto _ : state) {
    auto text = lc::encode_any(m);
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations());
}

void decode_any_table(benchmark::State& state) {
  auto text = lc::encode_any(lc::message(make_table(state.range(0))));
  for (auto _ : state) {
    auto m = lc::decode_any(text);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

LC_TYPE(std::vector<std::vector<double>>)

BENCHMARK(encode_table)->Arg(8)->Arg(100);
BENCHMARK(baseline_boost_serialize)->Arg(8)->Arg(100);
BENCHMARK(decode_table)->Arg(8)->Arg(100);
BENCHMARK(baseline_boost_parse)->Arg(8)->Arg(100);
BENCHMARK(encode_any_table)->Arg(8)->Arg(100);
BENCHMARK(decode_any_table)->Arg(8)->Arg(100);
BENCHMARK_MAIN();
