#pragma once
// What `sensitivity` and `solve` share on the command line: the model they
// analyse, seed, threads and database (workflow/analysis_inputs.h).
#include <CLI/CLI.hpp>

#include "workflow/analysis_inputs.h"

namespace targetcast::app {

// --baseline, --scenario, --priors, --horizon, --rng-seed, --threads, --db.
void add_analysis_options(CLI::App* sub, workflow::AnalysisInputs& options);

}  // namespace targetcast::app
