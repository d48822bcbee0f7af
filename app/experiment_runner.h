#pragma once
// What `simulate` and `compare --scenarios` share: the options that describe an
// experiment, and running it from the terminal (progress bar, Ctrl-C marks the
// experiment interrupted, a one-line summary of where it was written).
#include <CLI/CLI.hpp>

#include <atomic>

#include "model/executor.h"
#include "workflow/simulate.h"

namespace targetcast::app {

// --baseline, --priors, --runs, --rng-seed, --threads, --db, --horizon,
// --no-per-run, --posterior, --fresh-paths (the scenario files are the
// caller's: --scenario or --scenarios).
void add_experiment_options(CLI::App* sub, workflow::ExperimentRequest& request);

// For a forecast drawn from a posterior: the sentence saying whether its runs
// continued the calibration's accepted paths (and through which year) or
// were simulated afresh. Nothing otherwise.
void print_forecast_paths(const workflow::ExperimentOutcome& out);

// Runs the experiment through `executor` with a progress bar; SIGINT/SIGTERM
// stop it between runs (model::Interrupted). On the writing process prints
// "experiment N written to FILE ..."; elsewhere prints nothing.
// `use_case`: workflow::run_experiment (simulate) or workflow::compare_scenarios.
using ExperimentUseCase = workflow::ExperimentOutcome (*)(const workflow::ExperimentRequest&, const model::Executor&,
                                                          const model::ProgressFn&, const std::atomic<bool>*);
workflow::ExperimentOutcome run_from_terminal(workflow::ExperimentRequest& request, const model::Executor& executor,
                                              ExperimentUseCase use_case = workflow::run_experiment);

}  // namespace targetcast::app
