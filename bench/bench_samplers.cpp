// Micro-benchmarks of the random streams and samplers (model/rng.h,
// model/samplers.h): the floor under every model kernel.
#include <benchmark/benchmark.h>

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
