#include "workflow/simulate.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "model/rng.h"
#include "model/spec_error.h"
#include "model/summary.h"
#include "store/calibration_store.h"
#include "store/run_block_writer.h"

namespace targetcast::workflow {
namespace {

// The posterior of calibration `id`, checked against the plan the experiment runs.
std::shared_ptr<const calibration::Posterior> load_posterior(store::Store& store, std::int64_t id,
                                                             const model::CompiledModel& model) {
  auto posterior = std::make_shared<calibration::Posterior>(store::CalibrationStore(store).posterior(id));
  if (posterior->plan_id != model.plan.id) {
    throw model::SpecError(model::Problem{"--posterior", 0, "",
                                          "calibration " + std::to_string(id) + " is of the plan '" +
                                              posterior->plan_id + "', but the experiment runs '" + model.plan.id +
                                              "': pass that plan with --baseline, or calibrate this one"});
  }
  return posterior;
}

// The Monte Carlo options of scenario runs, the same on every MPI process.
model::MonteCarloOptions scenario_options(const ExperimentRequest& request) {
  model::MonteCarloOptions mc = request.monte_carlo;
  mc.threads = mc.threads > 0 ? mc.threads : omp_get_max_threads();
  mc.record_runs = request.per_run;  // summaries only: memory bounded whatever the number of runs
  return mc;
}

// The posterior the runs draw from, if any: the caller's, else read by id
// (every process reads it; only the writing one keeps `store` open).
std::shared_ptr<const calibration::Posterior> posterior_of(const ExperimentRequest& request,
                                                           std::optional<store::Store>& store,
                                                           const model::CompiledModel& model) {
  if (request.posterior_object) return request.posterior_object;
  if (!request.posterior) return nullptr;
  if (store) return load_posterior(*store, *request.posterior, model);
  store::Store reader = store::Store::open(request.db_path);
  return load_posterior(reader, *request.posterior, model);
}

store::ExperimentInfo experiment_info(const ExperimentRequest& request, const ExperimentOutcome& out,
                                      const LoadedInputs& inputs) {
  const model::CompiledModel& first = inputs.models.front();
  store::ExperimentInfo info;
  info.command_line = request.command_line;
  info.plan_id = first.plan.id;
  info.base_year = first.base_year;
  info.horizon = first.horizon;
  info.master_seed = request.monte_carlo.master_seed;
  info.runs = request.monte_carlo.runs;
  info.threads = out.threads;
  info.rng_layout_version = model::kRngLayoutVersion;
  info.inputs = inputs.files;
  if (out.posterior) {
    info.posterior = std::to_string(*request.posterior);
    info.posterior_paths = calibration::to_string(out.paths);
    info.paths_through_year = out.paths_through_year;
  }
  return info;
}

// Bytes one run's per-run rows take in memory before they are written: θ and
// every indicator every year (doubles), and its targets met.
std::size_t run_bytes(const model::CompiledModel& m) {
  return (m.parameters.size() + m.year_count() * m.indicators.size()) * sizeof(double) + m.targets.size();
}

// Runs per block of a streamed scenario: a quarter of the budget, since two
// blocks are alive at once (one simulated, one written); the other half is
// left to the accumulators and SQLite's page cache.
std::uint32_t block_runs(const ExperimentRequest& request, const model::CompiledModel& m) {
  const std::size_t budget = std::size_t{request.memory_budget_mb} << 20;
  return static_cast<std::uint32_t>(std::clamp<std::size_t>(budget / 4 / run_bytes(m), 64, request.monte_carlo.runs));
}

// Whether a per-run scenario's rows are too large to hold until it is
// written. Every scenario of the experiment counts: their results are held
// together for the paired comparisons.
bool streamed(const ExperimentRequest& request, const model::CompiledModel& m, std::size_t scenarios) {
  return request.per_run && std::size_t{request.monte_carlo.runs} * run_bytes(m) * scenarios >
                                (std::size_t{request.memory_budget_mb} << 20);
}

// Bytes each scenario keeps per run to be paired with the first, run by run
// (MonteCarloOptions::keep_run_outcomes): whether each target was met (1 byte)
// and its indicator at the deadline (8 bytes).
std::size_t paired_outcome_bytes(const model::CompiledModel& m) { return m.targets.size() * 9; }

// Refuses, before anything runs, an experiment of several scenarios whose
// run-by-run outcomes (kept to pair each scenario with the first) would not
// fit the memory budget: memory stays bounded however many runs are asked.
void check_pairing_memory(const ExperimentRequest& request, const std::vector<model::CompiledModel>& models) {
  if (models.size() < 2) return;
  std::size_t needed = 0;
  for (const model::CompiledModel& m : models) needed += std::size_t{request.monte_carlo.runs} * paired_outcome_bytes(m);
  const std::size_t budget = std::size_t{request.memory_budget_mb} << 20;
  if (needed <= budget) return;
  const std::size_t per_run = needed / request.monte_carlo.runs;
  throw model::SpecError(model::Problem{
      "--runs", 0, "",
      fmt::format("{} scenarios of {} runs are paired run by run, which keeps {} bytes a run ({} MiB in all), more "
                  "than --memory-mb {}: use at most {} runs, fewer scenarios at a time, or a larger --memory-mb",
                  models.size(), request.monte_carlo.runs, per_run, (needed + (1u << 20) - 1) >> 20,
                  request.memory_budget_mb, budget / std::max<std::size_t>(per_run, 1))});
}

// The progress of a block of runs that starts at run `first`.
using BlockProgress = std::function<model::ProgressFn(std::uint32_t first)>;

// The runs of `mc` in blocks of `block` runs, each simulated while the
// writer thread (on the writing process) stores the one before
// (store/run_block_writer.h), which holds at most `queued` blocks. With
// `all`, every block's θ and trajectories are also kept there. Every process
// calls the executor in the same order; only the writing one writes.
void simulate_blocks(const model::Executor& executor, const model::CompiledModel& model,
                     const model::MonteCarloOptions& mc, std::uint32_t block, const BlockProgress& progress,
                     const std::atomic<bool>* stop, const model::RunSource& source, store::Store* store,
                     std::int64_t experiment_id, std::size_t queued, model::ScenarioResults* all) {
  std::optional<store::RunBlockWriter> writer;
  if (store != nullptr) writer.emplace(*store, experiment_id, model, stop, queued);
  for (std::uint32_t first = 0; first < mc.runs; first += block) {
    model::MonteCarloOptions part = mc;
    part.first_run = mc.first_run + first;
    part.runs = std::min(block, mc.runs - first);
    part.record_runs = true;
    part.keep_run_outcomes = false;
    auto rows = std::make_shared<model::ScenarioResults>(executor.simulate(model, part, progress(first), stop, source));
    if (!writer) continue;  // another process's share: rank 0 has the whole
    if (all != nullptr) {
      all->theta.insert(all->theta.end(), rows->theta.begin(), rows->theta.end());
      all->values.insert(all->values.end(), rows->values.begin(), rows->values.end());
    }
    writer->push(std::move(rows), first);
  }
  if (writer) writer->finish();
}

// A per-run scenario too large to hold: its summaries from a summary-only
// pass, then its rows block by block, written beside the simulation, one
// block queued at most. Progress counts both passes.
model::ScenarioResults simulate_streamed(const ExperimentRequest& request, const model::Executor& executor,
                                         const model::CompiledModel& model, const model::MonteCarloOptions& mc,
                                         store::Store* store, std::int64_t experiment_id,
                                         const model::ProgressFn& progress, const std::atomic<bool>* stop,
                                         const model::RunSource& source) {
  const std::uint32_t runs = mc.runs;
  const auto scaled = [&](std::uint32_t offset) {
    return progress ? model::ProgressFn([&, offset](std::uint32_t done, std::uint32_t) {
      progress(static_cast<std::uint32_t>((std::uint64_t{offset} + done) / 2), runs);
    })
                    : model::ProgressFn();
  };
  model::MonteCarloOptions summary = mc;
  summary.record_runs = false;
  model::ScenarioResults results = executor.simulate(model, summary, scaled(0), stop, source);
  if (store != nullptr) store->begin_scenario_runs(experiment_id, model, runs);
  simulate_blocks(executor, model, mc, block_runs(request, model),
                  [&](std::uint32_t first) { return scaled(runs + first); }, stop, source, store, experiment_id, 1,
                  nullptr);
  if (store != nullptr) store->finish_scenario_runs(experiment_id, model, results);
  return results;
}

// Runs per block of a per-run scenario written beside its simulation: about
// an eighth of the runs, so that all but the first block's simulation and the
// last block's writing overlap, and at least 256 so that a block keeps every
// thread busy.
std::uint32_t beside_block_runs(std::uint32_t runs) {
  return std::min(std::max<std::uint32_t>((runs + 7) / 8, 256), std::max<std::uint32_t>(runs, 1));
}

// A per-run scenario that fits the memory budget: its blocks written beside
// the simulation, every run kept, so the summaries are exactly those of the
// whole (the same bits as one block).
model::ScenarioResults simulate_beside_writer(const model::Executor& executor, const model::CompiledModel& model,
                                              const model::MonteCarloOptions& mc, store::Store* store,
                                              std::int64_t experiment_id, const model::ProgressFn& progress,
                                              const std::atomic<bool>* stop, const model::RunSource& source) {
  const std::uint32_t runs = mc.runs;
  model::ScenarioResults all = model::shaped_results(model, runs);
  if (store != nullptr) {
    all.theta.reserve(std::size_t{runs} * all.parameters);
    all.values.reserve(std::size_t{runs} * all.years * all.indicators);
    store->begin_scenario_runs(experiment_id, model, runs);
  }
  const BlockProgress block_progress = [&](std::uint32_t first) {
    return progress ? model::ProgressFn([&, first](std::uint32_t done, std::uint32_t) { progress(first + done, runs); })
                    : model::ProgressFn();
  };
  simulate_blocks(executor, model, mc, beside_block_runs(runs), block_progress, stop, source, store, experiment_id, 2,
                  &all);
  if (store == nullptr) return all;
  model::summarise(model, all);
  store->finish_scenario_runs(experiment_id, model, all);
  return all;
}

// Every scenario through the executor, written as it finishes (on the writing
// process), then the comparisons with the first.
void simulate_scenarios(const ExperimentRequest& request, const model::Executor& executor,
                        const std::vector<model::CompiledModel>& models, store::Store* store,
                        const model::ProgressFn& progress, const std::atomic<bool>* stop, ExperimentOutcome& out) {
  const auto total_runs = static_cast<std::uint32_t>(models.size()) * request.monte_carlo.runs;
  model::MonteCarloOptions mc = scenario_options(request);
  // Each run's target outcomes are kept only to pair scenarios: with one
  // scenario a summary-only experiment's memory does not grow with its runs.
  mc.keep_run_outcomes = models.size() > 1;
  for (std::size_t s = 0; s < models.size(); ++s) {
    const auto offset = static_cast<std::uint32_t>(s) * request.monte_carlo.runs;
    const model::ProgressFn scenario_progress =
        progress ? model::ProgressFn([&](std::uint32_t done, std::uint32_t) { progress(offset + done, total_runs); })
                 : model::ProgressFn();
    const model::RunSource source =
        out.posterior ? calibration::make_run_source(out.posterior, models[s], out.paths) : model::RunSource();
    if (streamed(request, models[s], models.size())) {
      model::ScenarioResults results = simulate_streamed(request, executor, models[s], mc, store, out.experiment_id,
                                                         scenario_progress, stop, source);
      if (store != nullptr) out.results.push_back(std::move(results));
      continue;
    }
    if (request.per_run) {
      model::ScenarioResults results = simulate_beside_writer(executor, models[s], mc, store, out.experiment_id,
                                                              scenario_progress, stop, source);
      if (store != nullptr) out.results.push_back(std::move(results));
      continue;
    }
    model::ScenarioResults results = executor.simulate(models[s], mc, scenario_progress, stop, source);
    if (store == nullptr) continue;  // another process's share: rank 0 has the whole
    out.results.push_back(std::move(results));
    store->write_scenario(out.experiment_id, models[s], out.results.back(), false, stop);
  }
  // Several scenarios: each against the first, paired run by run (CRN).
  if (store != nullptr && out.results.size() >= 2) {
    out.comparisons = analysis::compare_with_first(models, out.results);
    store->write_comparisons(out.experiment_id, out.comparisons);
  }
}

// Refuses, before anything is written, per-run rows that would not fit the
// disk the database is on.
void check_disk_space(const ExperimentRequest& request, const std::vector<model::CompiledModel>& models) {
  if (!request.per_run) return;
  std::uint64_t needed = 0;
  for (const model::CompiledModel& m : models) needed += store::Store::estimated_run_rows_bytes(m, request.monte_carlo.runs);
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::absolute(request.db_path).parent_path();
  const std::filesystem::space_info space = std::filesystem::space(folder, ec);
  if (ec || needed <= space.available) return;
  const auto gb = [](std::uint64_t bytes) { return fmt::format("{:.1f} GB", static_cast<double>(bytes) / 1e9); };
  throw store::StoreError(request.db_path,
                          fmt::format("the per-run rows of {} runs would take about {} on disk, but only {} is free "
                                      "there: run with --no-per-run (summaries only), fewer runs, or a --db on a "
                                      "larger disk",
                                      request.monte_carlo.runs, gb(needed), gb(space.available)));
}

}  // namespace

std::shared_ptr<const calibration::Posterior> read_posterior(const std::string& db_path, std::int64_t id,
                                                             const model::CompiledModel& model) {
  if (!std::filesystem::exists(db_path)) {
    throw store::StoreError(db_path, "no such file: a posterior is read from the results database that holds its "
                                     "calibration (--db).");
  }
  store::Store reader = store::Store::open(db_path);
  return load_posterior(reader, id, model);
}

ExperimentOutcome run_experiment(const ExperimentRequest& request, const model::Executor& executor,
                                 const model::ProgressFn& progress, const std::atomic<bool>* stop) {
  const auto start = std::chrono::steady_clock::now();
  LoadedInputs inputs = load_inputs(request.inputs);
  check_pairing_memory(request, inputs.models);
  if (request.posterior && !std::filesystem::exists(request.db_path)) {
    throw store::StoreError(request.db_path,
                            "no such file: a posterior is read from the results database that holds its "
                            "calibration (--db).");
  }
  std::optional<store::Store> store;
  if (executor.writes()) {
    check_disk_space(request, inputs.models);
    store.emplace(store::Store::open(request.db_path));
  }
  ExperimentOutcome out;
  out.posterior = posterior_of(request, store, inputs.models.front());
  if (out.posterior) {
    out.paths = calibration::effective_paths(*out.posterior, request.paths);
    if (out.paths == calibration::ForecastPaths::continued) out.paths_through_year = out.posterior->path_through_year;
  }
  out.threads = scenario_options(request).threads;
  MarkFn mark;
  if (store) {
    out.experiment_id = store->begin_experiment(experiment_info(request, out, inputs));
    mark = [&](store::ExperimentStatus status, const std::string& why) {
      store->mark_experiment(out.experiment_id, status, why);
    };
  }
  run_begun(mark, "stopped by a signal before all runs finished", [&] {
    simulate_scenarios(request, executor, inputs.models, store ? &*store : nullptr, progress, stop, out);
    throw_if_stopped(stop);
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (store) store->finish_experiment(out.experiment_id, out.wall_seconds);
  });
  out.models = std::move(inputs.models);
  out.warnings = std::move(inputs.warnings);
  return out;
}

}  // namespace targetcast::workflow
