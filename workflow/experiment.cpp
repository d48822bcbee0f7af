#include "workflow/experiment.h"

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

// Records why an experiment stopped. The original error matters more than a
// failure to record it: then the experiment stays 'running', never 'complete'.
void mark_quietly(store::Store& store, std::int64_t id, store::ExperimentStatus status,
                  const std::string& why) noexcept {
  try {
    store.mark_experiment(id, status, why);
  } catch (...) {
  }
}

// The Monte Carlo options of scenario runs, the same on every MPI process.
model::MonteCarloOptions scenario_options(const ExperimentRequest& request) {
  model::MonteCarloOptions mc = request.monte_carlo;
  mc.threads = mc.threads > 0 ? mc.threads : omp_get_max_threads();
  mc.record_runs = request.per_run;  // summaries only: memory bounded whatever the number of runs
  return mc;
}

// An MPI process other than rank 0: the same scenarios in the same order, its
// share of the runs handed to rank 0 by the simulator; nothing written.
ExperimentOutcome run_worker(const ExperimentRequest& request, LoadedInputs inputs, const Simulator& simulate,
                             const std::atomic<bool>* stop) {
  ExperimentOutcome out;
  if (request.posterior_object) {
    out.posterior = request.posterior_object;
  } else if (request.posterior) {
    store::Store store = store::Store::open(request.db_path);
    out.posterior = load_posterior(store, *request.posterior, inputs.models.front());
  }
  const model::MonteCarloOptions mc = scenario_options(request);
  out.threads = mc.threads;
  for (const model::CompiledModel& m : inputs.models) {
    const model::ThetaSource theta =
        out.posterior ? calibration::make_theta_source(out.posterior, m) : model::ThetaSource();
    (void)simulate(m, mc, {}, stop, theta);
  }
  return out;
}

}  // namespace

ExperimentOutcome run_experiment(const ExperimentRequest& request, const model::ProgressFn& progress,
                                 const std::atomic<bool>* stop) {
  const auto start = std::chrono::steady_clock::now();
  LoadedInputs inputs = load_inputs(request.inputs);
  if (request.posterior && !std::filesystem::exists(request.db_path)) {
    throw store::StoreError(request.db_path,
                            "no such file: a posterior is read from the results database that holds its "
                            "calibration (--db).");
  }
  const Simulator simulate =
      request.simulator
          ? request.simulator
          : Simulator([](const model::CompiledModel& m, const model::MonteCarloOptions& o, const model::ProgressFn& p,
                         const std::atomic<bool>* halt,
                         const model::ThetaSource& theta) { return model::simulate(m, o, p, halt, theta); });
  if (request.worker) return run_worker(request, std::move(inputs), simulate, stop);
  store::Store store = store::Store::open(request.db_path);
  ExperimentOutcome out;
  if (request.posterior_object) {
    out.posterior = request.posterior_object;
  } else if (request.posterior) {
    out.posterior = load_posterior(store, *request.posterior, inputs.models.front());
  }

  out.threads = request.monte_carlo.threads > 0 ? request.monte_carlo.threads : omp_get_max_threads();
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
  info.inputs = std::move(inputs.files);
  if (out.posterior) info.posterior = std::to_string(*request.posterior);
  out.experiment_id = store.begin_experiment(info);

  try {
    const auto total_runs = static_cast<std::uint32_t>(inputs.models.size()) * request.monte_carlo.runs;
    for (std::size_t s = 0; s < inputs.models.size(); ++s) {
      const auto offset = static_cast<std::uint32_t>(s) * request.monte_carlo.runs;
      const model::ProgressFn scenario_progress =
          progress ? model::ProgressFn([&](std::uint32_t done, std::uint32_t) { progress(offset + done, total_runs); })
                   : model::ProgressFn();
      const model::MonteCarloOptions mc = scenario_options(request);
      const model::ThetaSource theta =
          out.posterior ? calibration::make_theta_source(out.posterior, inputs.models[s]) : model::ThetaSource();
      out.results.push_back(simulate(inputs.models[s], mc, scenario_progress, stop, theta));
      store.write_scenario(out.experiment_id, inputs.models[s], out.results.back(), request.per_run, stop);
    }
    // Several scenarios: each against the first, paired run by run (CRN).
    if (out.results.size() >= 2) {
      out.comparisons = analysis::compare_with_first(inputs.models, out.results);
      store.write_comparisons(out.experiment_id, out.comparisons);
    }
    // A signal that came while the last rows were written still counts.
    if (stop != nullptr && stop->load()) throw model::Interrupted();
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    store.finish_experiment(out.experiment_id, out.wall_seconds);
  } catch (const model::Interrupted&) {
    mark_quietly(store, out.experiment_id, store::ExperimentStatus::interrupted,
                 "stopped by a signal before all runs finished");
    throw;
  } catch (const std::exception& e) {
    mark_quietly(store, out.experiment_id, store::ExperimentStatus::failed, e.what());
    throw;
  }
  out.models = std::move(inputs.models);
  return out;
}

}  // namespace targetcast::workflow
