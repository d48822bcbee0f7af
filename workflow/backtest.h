#pragma once
// A backtest (docs/calibration.md): a calibration on the observations before
// a cut year, then the held-out ones forecast and scored against what was
// observed. One row of calibrations with purpose 'backtest', under the
// contract of workflow/contract.h; no forecast experiment.
#include <atomic>

#include "model/executor.h"
#include "workflow/calibrate.h"
#include "workflow/contract.h"

namespace targetcast::workflow {

// The proposals may be spread over MPI processes, like a calibration's.
inline constexpr Spread kBacktestSpread = Spread::processes;

// run_calibration with request.cut_year (> 0, else SpecError) and no forecast.
CalibrationOutcome run_backtest(const CalibrationRequest& request, const model::Executor& executor,
                                const calibration::GenerationFn& on_generation = {},
                                const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
