// One model step on the Guangdong plan at 1,500 and 15,000 firms, reported as
// firm-steps per second (a firm-step = one firm advanced one year: growth,
// exit, entry, and the indicators recorded).
#include <benchmark/benchmark.h>

#include <vector>

#include "model/run_context.h"
#include "model/step.h"
#include "workflow/experiment_inputs.h"

namespace {

using namespace targetcast;

const model::CompiledModel& guangdong() {
  static const model::CompiledModel m = [] {
    workflow::InputOptions options;  // the embedded default plan and scenario
    return workflow::load_inputs(options).models.front();
  }();
  return m;
}

// θ of run 0 with the firm population scaled by `scale` (N0, C0 and entry
// together, so firms keep their size distribution).
model::RunContext context(double scale) {
  const model::CompiledModel& m = guangdong();
  model::Theta theta = model::draw_theta(m, 1, 0);
  theta[model::Param::n0] *= scale;
  theta[model::Param::c0] *= scale;
  theta[model::Param::lambda0] *= scale;
  return model::make_context(m, 1, 0, theta);
}

// Items = firm-steps; also reported inverted, as nanoseconds per firm-step.
void report_firm_steps(benchmark::State& state, std::int64_t firm_steps) {
  state.SetItemsProcessed(firm_steps);
  state.counters["ns_per_firm_step"] =
      benchmark::Counter(static_cast<double>(firm_steps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void model_step(benchmark::State& state) {
  const model::RunContext ctx = context(static_cast<double>(state.range(0)) / 1500.0);
  model::RunState run;
  std::vector<double> out(ctx.model->indicators.size());
  std::int64_t firm_steps = 0;
  for (auto _ : state) {
    state.PauseTiming();
    model::initialise(ctx, run);
    state.ResumeTiming();
    firm_steps += run.alive_firms();
    model::step(ctx, run);
    model::record_indicators(ctx, run, out);
    benchmark::DoNotOptimize(out.data());
  }
  report_firm_steps(state, firm_steps);
}
BENCHMARK(model_step)->Arg(1500)->Arg(15000)->Arg(150000)->Unit(benchmark::kMicrosecond);

// One whole run as the Monte Carlo runner does it (model/monte_carlo.cpp) — initial state, every step
// to the horizon, every indicator recorded each year. Returns its firm-steps:
// the firms alive at the start of each step, summed.
std::int64_t whole_run(const model::RunContext& ctx, model::RunState& run, std::vector<double>& out) {
  std::int64_t firm_steps = 0;
  model::initialise(ctx, run);
  double core = model::core_industry(run);
  model::record_indicators(ctx, run, out, core);
  for (std::size_t y = 1; y < ctx.model->year_count(); ++y) {
    firm_steps += run.alive_firms();
    model::step(ctx, run, core);
    core = model::core_industry(run);
    model::record_indicators(ctx, run, out, core);
  }
  return firm_steps;
}

// A whole run, per firm-step. This is the kernel throughput the goal of 1e8
// firm-steps per second per core is about.
void model_run(benchmark::State& state) {
  const model::RunContext ctx = context(static_cast<double>(state.range(0)) / 1500.0);
  model::RunState run;
  std::vector<double> out(ctx.model->indicators.size());
  std::int64_t firm_steps = 0;
  for (auto _ : state) {
    firm_steps += whole_run(ctx, run, out);
    benchmark::DoNotOptimize(out.data());
  }
  report_firm_steps(state, firm_steps);
}
BENCHMARK(model_run)->Arg(1500)->Arg(15000)->Unit(benchmark::kMicrosecond);

// Runs 0 .. N−1 of the Guangdong baseline one after another on one thread,
// each with its own θ drawn from the priors (so firm counts vary run to run as
// in a real job): the workload of bench/numpy_peer.py, whose ns per firm-step
// bench/run divides by this one (issue 17).
void model_prior_runs(benchmark::State& state) {
  const model::CompiledModel& m = guangdong();
  const auto runs = static_cast<std::uint32_t>(state.range(0));
  model::RunState run;
  std::vector<double> out(m.indicators.size());
  std::int64_t firm_steps = 0;
  for (auto _ : state) {
    for (std::uint32_t k = 0; k < runs; ++k) {
      firm_steps += whole_run(model::make_context(m, 1, k, model::draw_theta(m, 1, k)), run, out);
    }
    benchmark::DoNotOptimize(out.data());
  }
  report_firm_steps(state, firm_steps);
}
BENCHMARK(model_prior_runs)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
