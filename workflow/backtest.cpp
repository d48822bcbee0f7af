#include "workflow/backtest.h"

#include "model/spec_error.h"

namespace targetcast::workflow {

CalibrationOutcome run_backtest(const CalibrationRequest& request, const model::Executor& executor,
                                const calibration::GenerationFn& on_generation, const std::atomic<bool>* stop) {
  if (request.cut_year <= 0) {
    throw model::SpecError(model::Problem{"command line", 0, "--cut", "a backtest needs the first held-out year"});
  }
  CalibrationRequest backtest = request;
  backtest.forecast_runs = 0;
  return run_calibration(backtest, executor, on_generation, stop);
}

}  // namespace targetcast::workflow
