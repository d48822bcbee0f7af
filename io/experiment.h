#pragma once
// One experiment from inputs to a complete row in the database:
// seeds + scenarios → compiled models → Monte Carlo → SQLite.
//
// Every input is validated and the database opened before a single run is
// simulated; the experiment is marked complete only after every scenario's
// rows are written, and failed or interrupted otherwise.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "io/experiment_inputs.h"
#include "model/monte_carlo.h"
#include "model/results.h"

namespace targetcast::io {

struct ExperimentRequest {
  InputOptions inputs;
  std::string db_path = "results.sqlite";
  model::MonteCarloOptions monte_carlo;
  std::string command_line;
  bool per_run = true;  // store every run's θ and trajectory (else summaries only)
};

struct ExperimentOutcome {
  std::int64_t experiment_id = 0;
  std::vector<model::CompiledModel> models;
  std::vector<model::ScenarioResults> results;
  double wall_seconds = 0.0;
  int threads = 0;
};

// Throws model::SpecError for bad inputs (nothing written), StoreError for
// database problems, model::Interrupted when `stop` is raised (the experiment
// is then marked interrupted).
ExperimentOutcome run_experiment(const ExperimentRequest& request, const model::ProgressFn& progress = {},
                                 const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::io
