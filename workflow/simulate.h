#pragma once
// One experiment from inputs to a complete row in the database:
// seeds + scenarios → compiled models → Monte Carlo → SQLite.
//
// Every input is validated and the database opened before a single run is
// simulated; the experiment is marked complete only after every scenario's
// rows are written, and failed or interrupted otherwise.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "calibration/posterior.h"
#include "model/executor.h"
#include "model/monte_carlo.h"
#include "model/results.h"
#include "workflow/contract.h"
#include "workflow/experiment_inputs.h"

namespace targetcast::workflow {

// simulate and compare --scenarios may be spread over MPI processes.
inline constexpr Spread kSimulateSpread = Spread::processes;

struct ExperimentRequest {
  InputOptions inputs;
  std::string db_path = "results.sqlite";
  model::MonteCarloOptions monte_carlo;
  std::string command_line;
  bool per_run = true;  // store every run's θ and trajectory (else summaries only)
  // Memory the per-run rows of a scenario may take before they are written.
  // A scenario whose rows do not fit is simulated twice: once for its
  // summaries (summary-only accumulators), then block by block for its rows,
  // each block written before the next is simulated (docs/model.md §14).
  std::uint32_t memory_budget_mb = 1024;
  // Draw θ from this calibration's posterior (docs/calibration.md) instead of the priors.
  std::optional<std::int64_t> posterior;
  // The posterior itself, when the caller has it (a calibration that just
  // finished: every MPI process built the same one); else it is read from
  // the database by id.
  std::shared_ptr<const calibration::Posterior> posterior_object;
  // With a posterior: continue its accepted paths (conditioned on the
  // observed figures) when it has them, else draw fresh ones.
  calibration::ForecastPaths paths = calibration::ForecastPaths::continued;
};

struct ExperimentOutcome {
  std::int64_t experiment_id = 0;
  std::vector<model::CompiledModel> models;
  std::vector<model::ScenarioResults> results;
  std::vector<analysis::ScenarioComparison> comparisons;  // each scenario after the first against the first
  double wall_seconds = 0.0;
  int threads = 0;
  std::shared_ptr<const calibration::Posterior> posterior;  // when drawn from one
  // How the runs were made from it (continued only when it could be) and
  // the last year continued.
  calibration::ForecastPaths paths = calibration::ForecastPaths::fresh;
  int paths_through_year = 0;
  std::vector<model::Problem> warnings;  // defaults the region ran on (LoadedInputs::warnings)
};

// Calibration `id`'s posterior from the database `db_path` (opened to read),
// checked against the plan `model` runs: StoreError when the file or the
// calibration is missing or not complete, SpecError when it is of another plan.
std::shared_ptr<const calibration::Posterior> read_posterior(const std::string& db_path, std::int64_t id,
                                                             const model::CompiledModel& model);

// Throws model::SpecError for bad inputs (nothing written), StoreError for
// database problems, model::Interrupted when `stop` is raised (the experiment
// is then marked interrupted). Every scenario's runs go through `executor`;
// on a process that does not write (Executor::writes()) it simulates its
// share, opens the store only to read a posterior, and returns no results.
ExperimentOutcome run_experiment(const ExperimentRequest& request, const model::Executor& executor,
                                 const model::ProgressFn& progress = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
