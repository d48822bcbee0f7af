#include "model/monte_carlo.h"

#include <omp.h>

#include <algorithm>

#include "model/run_context.h"
#include "model/scenario_accumulator.h"
#include "model/state.h"
#include "model/step.h"
#include "model/summary.h"

namespace targetcast::model {
namespace {

void run_into(const CompiledModel& model, Theta theta, const PastPath& past, std::uint64_t master_seed,
              std::uint32_t run, RunState& state, std::span<double> out) {
  const RunContext ctx = make_context(model, master_seed, run, std::move(theta), past);
  const std::size_t n_ind = model.indicators.size();
  initialise(ctx, state);
  // C_t is summed once a year: read by the record and by the next step.
  double core = core_industry(state);
  record_indicators(ctx, state, out.subspan(0, n_ind), core);
  for (std::size_t y = 1; y < model.year_count(); ++y) {
    step(ctx, state, core);
    core = core_industry(state);
    record_indicators(ctx, state, out.subspan(y * n_ind, n_ind), core);
  }
}

}  // namespace

ScenarioResults shaped_results(const CompiledModel& model, std::size_t runs) {
  ScenarioResults r;
  r.scenario_id = model.scenario.id;
  r.runs = runs;
  r.years = model.year_count();
  r.indicators = model.indicators.size();
  r.parameters = model.parameters.size();
  r.base_year = model.base_year;
  return r;
}

void simulate_run(const CompiledModel& model, const Theta& theta, std::uint64_t master_seed, std::uint32_t run,
                  std::span<double> out, const PastPath& past) {
  RunState state;
  run_into(model, theta, past, master_seed, run, state, out);
}

ScenarioResults simulate(const CompiledModel& model, const MonteCarloOptions& options, const ProgressFn& progress,
                         const std::atomic<bool>* stop, const RunSource& run_source,
                         ScenarioAccumulator* merged) {
  ScenarioResults r = shaped_results(model, options.runs);
  const std::size_t n_targets = model.targets.size();
  if (options.record_runs) {
    r.theta.resize(r.runs * r.parameters);
    r.values.resize(r.runs * r.years * r.indicators);
  } else if (options.keep_run_outcomes) {
    r.target_met.resize(r.runs * n_targets);
    r.deadline_values.resize(r.runs * n_targets);
  }

  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  const auto total = static_cast<std::int64_t>(options.runs);
  std::atomic<std::uint32_t> done{0};
  std::atomic<bool> stopped{false};
  const std::size_t stride = r.years * r.indicators;
  // Summary-only: one accumulator per thread, merged after the loop (in any
  // order: merging is exact, model/value_sketch.h).
  std::vector<ScenarioAccumulator> accumulators;
  if (!options.record_runs) accumulators.assign(static_cast<std::size_t>(threads), ScenarioAccumulator(model, r.years));

#pragma omp parallel num_threads(threads)
  {
    RunState state;  // reused from run to run on this thread
    std::vector<double> trajectory(options.record_runs ? 0 : stride);
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t k = 0; k < total; ++k) {
      if (stopped.load(std::memory_order_relaxed)) continue;
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        stopped.store(true);
        continue;
      }
      const auto slot = static_cast<std::size_t>(k);
      const std::uint32_t run = options.first_run + static_cast<std::uint32_t>(k);
      RunDraw draw = run_source ? run_source(model, options.master_seed, run)
                                : RunDraw{draw_theta(model, options.master_seed, run), {}};
      if (options.record_runs) {
        std::copy(draw.theta.values.begin(), draw.theta.values.end(),
                  r.theta.begin() + static_cast<std::ptrdiff_t>(slot * r.parameters));
        run_into(model, std::move(draw.theta), draw.past, options.master_seed, run, state,
                 std::span<double>(r.values).subspan(slot * stride, stride));
      } else {
        run_into(model, std::move(draw.theta), draw.past, options.master_seed, run, state, trajectory);
        accumulators[static_cast<std::size_t>(omp_get_thread_num())].add_run(trajectory, slot, r);
      }
      const std::uint32_t finished = done.fetch_add(1) + 1;
      if (progress && omp_get_thread_num() == 0) progress(finished, options.runs);
    }
  }
  if (stopped.load()) throw Interrupted();
  if (progress) progress(options.runs, options.runs);
  if (options.record_runs) {
    summarise(model, r);
  } else {
    for (std::size_t t = 1; t < accumulators.size(); ++t) accumulators.front().merge(accumulators[t]);
    accumulators.front().finish(r);
    if (merged != nullptr) *merged = std::move(accumulators.front());
  }
  return r;
}

}  // namespace targetcast::model
