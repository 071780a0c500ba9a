// Frame encode and decode of the tables the scenarios return (8x8 up to 1000x1000).
#include <benchmark/benchmark.h>

#include "frame_codec.hpp"

LC_TYPE(std::vector<std::vector<double>>)

namespace {

lc::message table_of(std::int64_t n) {
  return lc::message(std::vector<std::vector<double>>(n, std::vector<double>(n, 0.123456789)));
}

void frame_encode(benchmark::State& state) {
  auto m = table_of(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto frame = lc::detail::encode_frame(m, lc::address{7, 100}, lc::address{5}, {100, 10});
    bytes = frame.size();
    benchmark::DoNotOptimize(frame);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes * state.iterations()));
}

void frame_decode(benchmark::State& state) {
  auto frame = lc::detail::encode_frame(table_of(state.range(0)), lc::address{7, 100}, lc::address{5}, {100, 10});
  for (auto _ : state) {
    lc::detail::frame_parser parser;
    parser.feed(frame);
    auto raw = parser.next();
    auto in = lc::detail::decode_frame(*raw, {200, 20});
    benchmark::DoNotOptimize(in);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(frame.size() * state.iterations()));
}

}  // namespace

BENCHMARK(frame_encode)->Arg(8)->Arg(100)->Arg(1000);
BENCHMARK(frame_decode)->Arg(8)->Arg(100)->Arg(1000);
BENCHMARK_MAIN();
