// The per-firm rules of one step, each timed alone on the Guangdong plan's
// state after a few years at 15,000 firms, in ns per firm: where a firm-step's
// time goes (docs/benchmarks.md, issue 17). Each rule runs on a copy of the
// same state, so the figures add up to about one model_step.
#include <benchmark/benchmark.h>

#include <functional>
#include <vector>

#include "model/firm_batch.h"
#include "model/run_context.h"
#include "model/state.h"
#include "model/step.h"
#include "workflow/experiment_inputs.h"

namespace {

using namespace targetcast;

const model::RunContext& context() {
  static const model::CompiledModel m = [] {
    workflow::InputOptions options;  // the embedded default plan and scenario
    return workflow::load_inputs(options).models.front();
  }();
  static const model::RunContext ctx = [] {
    model::Theta theta = model::draw_theta(m, 1, 0);
    constexpr double kScale = 10.0;  // 15,000 firms: the arrays stay in L2, as in a real run's later years
    theta[model::Param::n0] *= kScale;
    theta[model::Param::c0] *= kScale;
    theta[model::Param::lambda0] *= kScale;
    return model::make_context(m, 1, 0, theta);
  }();
  return ctx;
}

// The state after three years: firms of every age and size, parks filled.
const model::RunState& grown_state() {
  static const model::RunState state = [] {
    model::RunState s;
    model::initialise(context(), s);
    for (int y = 0; y < 3; ++y) model::step(context(), s);
    return s;
  }();
  return state;
}

// `prepare`, untimed, sets up what the rule reads from the rules before it.
void time_rule(benchmark::State& bench, const std::function<void(model::RunState&, int)>& rule,
               const std::function<void(model::RunState&, int)>& prepare = {}) {
  const model::RunState& start = grown_state();
  model::RunState s = start;
  std::int64_t firms = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    s = start;  // the same firms every time (exit and entry change them)
    if (prepare) prepare(s, start.year + 1);
    bench.ResumeTiming();
    rule(s, start.year + 1);
    firms += static_cast<std::int64_t>(start.alive_firms());
    benchmark::ClobberMemory();
  }
  bench.counters["ns_per_firm"] =
      benchmark::Counter(static_cast<double>(firms), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void rule_growth_draws(benchmark::State& bench) {
  time_rule(bench, [](model::RunState& s, int year) {
    s.draws.resize(s.firms.size());
    s.exit_uniforms.resize(s.firms.size());
    model::firm_year_draws(context(), year, context().theta[model::Param::nu_t], s.firms.key, s.exit_uniforms,
                           s.draws);
  });
}
void rule_growth(benchmark::State& bench) {
  time_rule(bench, [](model::RunState& s, int year) { model::step_firm_growth(context(), s, year); });
}
void rule_exit(benchmark::State& bench) {
  // In a step the exit uniforms come with the growth draws (RNG layout 3).
  time_rule(
      bench, [](model::RunState& s, int year) { model::step_exit(context(), s, year); },
      [](model::RunState& s, int year) { model::step_firm_growth(context(), s, year); });
}
void rule_funding(benchmark::State& bench) {
  time_rule(bench, [](model::RunState& s, int year) { model::step_funding(context(), s, year); });
}
void rule_entry(benchmark::State& bench) {
  const double core = model::core_industry(grown_state());  // C_t is summed once a year, not by entry
  time_rule(bench, [core](model::RunState& s, int year) { model::step_entry(context(), s, year, core); });
}
void rule_core_industry(benchmark::State& bench) {
  time_rule(bench, [](model::RunState& s, int) { benchmark::DoNotOptimize(model::core_industry(s)); });
}
void rule_record(benchmark::State& bench) {
  std::vector<double> out(context().model->indicators.size());
  time_rule(bench, [&](model::RunState& s, int) { model::record_indicators(context(), s, out, 0.0); });
}
BENCHMARK(rule_growth_draws);
BENCHMARK(rule_growth);
BENCHMARK(rule_exit);
BENCHMARK(rule_funding);
BENCHMARK(rule_entry);
BENCHMARK(rule_core_industry);
BENCHMARK(rule_record);

}  // namespace
