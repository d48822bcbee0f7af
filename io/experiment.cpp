#include "io/experiment.h"

#include <omp.h>

#include <chrono>

#include "model/rng.h"

namespace targetcast::io {

ExperimentOutcome run_experiment(const ExperimentRequest& request, const model::ProgressFn& progress,
                                 const std::atomic<bool>* stop) {
  const auto start = std::chrono::steady_clock::now();
  LoadedInputs inputs = load_inputs(request.inputs);
  Store store = Store::open(request.db_path);

  ExperimentOutcome out;
  out.threads = request.monte_carlo.threads > 0 ? request.monte_carlo.threads : omp_get_max_threads();
  const model::CompiledModel& first = inputs.models.front();
  ExperimentInfo info;
  info.command_line = request.command_line;
  info.plan_id = first.plan.id;
  info.base_year = first.base_year;
  info.horizon = first.horizon;
  info.master_seed = request.monte_carlo.master_seed;
  info.runs = request.monte_carlo.runs;
  info.threads = out.threads;
  info.rng_layout_version = model::kRngLayoutVersion;
  info.inputs = std::move(inputs.files);
  out.experiment_id = store.begin_experiment(info);

  try {
    const auto total_runs = static_cast<std::uint32_t>(inputs.models.size()) * request.monte_carlo.runs;
    for (std::size_t s = 0; s < inputs.models.size(); ++s) {
      const auto offset = static_cast<std::uint32_t>(s) * request.monte_carlo.runs;
      const model::ProgressFn scenario_progress =
          progress ? model::ProgressFn([&](std::uint32_t done, std::uint32_t) { progress(offset + done, total_runs); })
                   : model::ProgressFn();
      model::MonteCarloOptions mc = request.monte_carlo;
      mc.threads = out.threads;
      out.results.push_back(model::simulate(inputs.models[s], mc, scenario_progress, stop));
      store.write_scenario(out.experiment_id, inputs.models[s], out.results.back(), request.per_run);
    }
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    store.finish_experiment(out.experiment_id, out.wall_seconds);
  } catch (const model::Interrupted&) {
    store.mark_experiment(out.experiment_id, ExperimentStatus::interrupted, "stopped by a signal before all runs finished");
    throw;
  } catch (const std::exception& e) {
    try {
      store.mark_experiment(out.experiment_id, ExperimentStatus::failed, e.what());
    } catch (...) {
      // The original error matters more; the experiment stays 'running', never 'complete'.
    }
    throw;
  }
  out.models = std::move(inputs.models);
  return out;
}

}  // namespace targetcast::io
