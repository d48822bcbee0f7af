// Micro-benchmarks of the random streams and samplers (model/rng.h,
// model/samplers.h): the floor under every model kernel.
#include <benchmark/benchmark.h>

#include <vector>

#include "model/philox_lanes.h"
#include "model/rng.h"
#include "model/samplers.h"

namespace {

using targetcast::model::CounterStream;
using targetcast::model::Stream;

// One Philox4x32-10 block (128 bits) per iteration.
void philox_block(benchmark::State& state) {
  CounterStream s(1, 0, Stream::firm_growth, 2025, 7);
  for (auto _ : state) {
    std::uint32_t x = s.next_u32() ^ s.next_u32() ^ s.next_u32() ^ s.next_u32();
    benchmark::DoNotOptimize(x);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 16);
}
BENCHMARK(philox_block);

// Philox blocks for 256 lanes at once, as the firm kernels draw them
// (model/philox_lanes.h), per implementation (0 plain loop, 1 AVX2, 2
// AVX-512): the Philox floor of a firm-step is ns_per_block × its blocks.
void philox_lanes_block(benchmark::State& state) {
  using namespace targetcast::model;
  const auto isa = static_cast<PhiloxLanesIsa>(state.range(0));
  if (!philox_lanes_supported(isa)) {
    state.SkipWithError("not supported by this processor");
    return;
  }
  constexpr std::size_t kLanes = 256;
  std::vector<std::uint32_t> entity(kLanes), w0(kLanes), w1(kLanes), w2(kLanes), w3(kLanes);
  for (std::size_t i = 0; i < kLanes; ++i) entity[i] = static_cast<std::uint32_t>(i);
  const PhiloxLaneKey key = philox_lane_key(1, 0, Stream::firm_growth, 2025);
  std::uint32_t block = 0;
  for (auto _ : state) {
    philox_lanes_with(isa, key, block++, entity.data(), kLanes, w0.data(), w1.data(), w2.data(), w3.data());
    benchmark::DoNotOptimize(w3.data());
    benchmark::ClobberMemory();
  }
  const auto blocks = static_cast<double>(state.iterations()) * kLanes;
  state.counters["ns_per_block"] = benchmark::Counter(blocks, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(philox_lanes_block)->Arg(0)->Arg(1)->Arg(2);

// A fresh micro-stream per draw, as the engine uses them (one per firm and rule).
template <class Sample>
void per_entity(benchmark::State& state, Sample sample) {
  std::uint32_t entity = 0;
  for (auto _ : state) {
    CounterStream s(1, 0, Stream::firm_growth, 2025, entity++);
    benchmark::DoNotOptimize(sample(s));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void normal(benchmark::State& st) { per_entity(st, [](CounterStream& s) { return targetcast::model::standard_normal(s); }); }
void student_t(benchmark::State& st) {
  per_entity(st, [](CounterStream& s) { return targetcast::model::student_t_unit_variance(s, 5.0); });
}
void lognormal(benchmark::State& st) {
  per_entity(st, [](CounterStream& s) { return targetcast::model::lognormal(s, -3.0, 1.0); });
}
void poisson_small(benchmark::State& st) {
  per_entity(st, [](CounterStream& s) { return targetcast::model::poisson(s, 4.2); });
}
void poisson_large(benchmark::State& st) {
  per_entity(st, [](CounterStream& s) { return targetcast::model::poisson(s, 250.0); });
}
void negative_binomial(benchmark::State& st) {
  per_entity(st, [](CounterStream& s) { return targetcast::model::negative_binomial(s, 250.0, 10.0); });
}
BENCHMARK(normal);
BENCHMARK(student_t);
BENCHMARK(lognormal);
BENCHMARK(poisson_small);
BENCHMARK(poisson_large);
BENCHMARK(negative_binomial);

}  // namespace
