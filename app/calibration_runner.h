#pragma once
// What `calibrate` and `backtest` share: the options of a calibration, and
// running one from the terminal (a line per generation, Ctrl-C marks the
// calibration interrupted, the observations and the prior-vs-posterior table).
#include <CLI/CLI.hpp>

#include "model/executor.h"
#include "workflow/calibrate.h"

namespace targetcast::app {

// --baseline, --priors, --scenario, --observations, --particles,
// --generations, --min-epsilon, --min-acceptance, --max-simulations,
// --quantile, --rng-seed, --threads, --db.
void add_calibration_options(CLI::App* sub, workflow::CalibrationRequest& request);

// Runs it, printing each generation as it finishes, then the observations'
// uses and the prior-vs-posterior table.
// Nothing is printed on a process that does not write (Executor::writes()).
workflow::CalibrationOutcome calibrate_from_terminal(workflow::CalibrationRequest& request,
                                                     const model::Executor& executor);

}  // namespace targetcast::app
