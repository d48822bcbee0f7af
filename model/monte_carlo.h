#pragma once
// The Monte Carlo runner (docs/model.md §1): run k draws θ_k, builds the
// initial state, steps to the horizon and records every indicator every year.
//
// Runs are independent and write into their own slot of the result arrays, so
// the results are bit-identical for any number of threads (OpenMP) or, later,
// processes. Memory: one run state per thread plus the recorded values.
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>

#include "model/compiled_model.h"
#include "model/results.h"
#include "model/scenario_accumulator.h"
#include "model/parameters.h"
#include "model/run_context.h"

namespace targetcast::model {

struct MonteCarloOptions {
  std::uint64_t master_seed = 1;
  std::uint32_t runs = 10000;
  std::uint32_t first_run = 0;  // runs first_run .. first_run + runs − 1 (for splitting over processes)
  int threads = 0;              // 0 = all available
  // false: keep only summaries and each run's target outcomes, in memory that
  // does not grow with the runs' trajectories (model/scenario_accumulator.h);
  // quantiles are then within 0.4% of the exact ones (model/value_sketch.h).
  bool record_runs = true;
  // Summary-only: also keep each run's target outcomes (9 bytes a target, for
  // the paired comparison of scenarios). false: memory does not grow with the
  // runs at all (an experiment of one scenario has nothing to pair).
  bool keep_run_outcomes = true;
};

// Called now and then from one thread with the number of runs finished.
using ProgressFn = std::function<void(std::uint32_t done, std::uint32_t total)>;

// What a run takes before it starts: its θ, and the path it continues, if any
// (model/run_context.h: a forecast from a calibration continues the accepted
// particles' own simulations).
struct RunDraw {
  Theta theta;
  PastPath past;
};

// Draws a run's θ (and past). The default draws θ from the model's priors and
// continues nothing; a posterior (calibration) supplies its own. Must be a
// pure function of (model, master_seed, run): results do not depend on which
// thread or process runs it.
using RunSource = std::function<RunDraw(const CompiledModel&, std::uint64_t master_seed, std::uint32_t run)>;

// Thrown when `stop` becomes true before every run finished.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// Simulates every run and summarises them. `stop` (optional) is polled
// between runs; when it becomes true the runner throws Interrupted.
// With record_runs = false and `merged` given, the runs' accumulator is also
// handed out (for merging with other processes' runs, dist/).
ScenarioResults simulate(const CompiledModel& model, const MonteCarloOptions& options,
                         const ProgressFn& progress = {}, const std::atomic<bool>* stop = nullptr,
                         const RunSource& run_source = {}, ScenarioAccumulator* merged = nullptr);

// Results of `runs` runs of `model` with nothing in them yet: the scenario,
// run, year, indicator and parameter counts and the base year.
ScenarioResults shaped_results(const CompiledModel& model, std::size_t runs);

// One run's trajectory: years × indicators values written to `out` (size
// year_count() × indicators). Exposed for tests and calibration.
// With `past`, the years up to past.through_year draw from past.key's streams.
void simulate_run(const CompiledModel& model, const Theta& theta, std::uint64_t master_seed, std::uint32_t run,
                  std::span<double> out, const PastPath& past = {});

}  // namespace targetcast::model
