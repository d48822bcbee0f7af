#include "workflow/simulate.h"

#include <omp.h>

#include <chrono>
#include <filesystem>

#include "model/rng.h"
#include "model/spec_error.h"
#include "store/calibration_store.h"

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

// Every scenario through the executor, written as it finishes (on the writing
// process), then the comparisons with the first.
void simulate_scenarios(const ExperimentRequest& request, const model::Executor& executor,
                        const std::vector<model::CompiledModel>& models, store::Store* store,
                        const model::ProgressFn& progress, const std::atomic<bool>* stop, ExperimentOutcome& out) {
  const auto total_runs = static_cast<std::uint32_t>(models.size()) * request.monte_carlo.runs;
  const model::MonteCarloOptions mc = scenario_options(request);
  for (std::size_t s = 0; s < models.size(); ++s) {
    const auto offset = static_cast<std::uint32_t>(s) * request.monte_carlo.runs;
    const model::ProgressFn scenario_progress =
        progress ? model::ProgressFn([&](std::uint32_t done, std::uint32_t) { progress(offset + done, total_runs); })
                 : model::ProgressFn();
    const model::RunSource source =
        out.posterior ? calibration::make_run_source(out.posterior, models[s], out.paths) : model::RunSource();
    model::ScenarioResults results = executor.simulate(models[s], mc, scenario_progress, stop, source);
    if (store == nullptr) continue;  // another process's share: rank 0 has the whole
    out.results.push_back(std::move(results));
    store->write_scenario(out.experiment_id, models[s], out.results.back(), request.per_run, stop);
  }
  // Several scenarios: each against the first, paired run by run (CRN).
  if (store != nullptr && out.results.size() >= 2) {
    out.comparisons = analysis::compare_with_first(models, out.results);
    store->write_comparisons(out.experiment_id, out.comparisons);
  }
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
  if (request.posterior && !std::filesystem::exists(request.db_path)) {
    throw store::StoreError(request.db_path,
                            "no such file: a posterior is read from the results database that holds its "
                            "calibration (--db).");
  }
  std::optional<store::Store> store;
  if (executor.writes()) store.emplace(store::Store::open(request.db_path));
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
  return out;
}

}  // namespace targetcast::workflow
