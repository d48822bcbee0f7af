#pragma once
// What `simulate` and `compare --scenarios` share: the options that describe an
// experiment, and running it from the terminal (progress bar, Ctrl-C marks the
// experiment interrupted, a one-line summary of where it was written).
#include <CLI/CLI.hpp>

#include "workflow/experiment.h"

namespace targetcast::app {

// --baseline, --priors, --runs, --rng-seed, --threads, --db, --horizon,
// --no-per-run (the scenario files are the caller's: --scenario or --scenarios).
void add_experiment_options(CLI::App* sub, workflow::ExperimentRequest& request);

// True in an MPI process other than rank 0 (mpirun -np N): it simulates its
// share of the runs and must print and write nothing.
bool is_worker_process();

// Runs the experiment with a progress bar; SIGINT/SIGTERM stop it between
// runs (model::Interrupted). Prints "experiment N written to FILE ...".
workflow::ExperimentOutcome run_from_terminal(workflow::ExperimentRequest& request);

}  // namespace targetcast::app
