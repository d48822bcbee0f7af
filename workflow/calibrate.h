#pragma once
// A calibration or a backtest from inputs to complete rows in the database
// (docs/calibration.md): plan + priors + observation files → observation
// model → ABC-SMC (every generation written as it finishes) → posterior →
// optionally a forecast experiment drawn from it, or backtest scores.
//
// Every input is validated before the database is written; a calibration is
// 'complete' only after its posterior is written, and 'failed' or
// 'interrupted' otherwise.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/backtest.h"
#include "calibration/observation_model.h"
#include "calibration/posterior.h"
#include "workflow/contract.h"
#include "workflow/experiment_inputs.h"
#include "workflow/simulate.h"

namespace targetcast::workflow {

struct CalibrationRequest {
  InputOptions inputs;                         // plan, priors, scenario (the default baseline if none)
  std::vector<std::string> observation_files;  // empty: the shipped Guangdong observations
  std::optional<std::int64_t> from;            // refine this calibration's posterior with the new files
  calibration::AbcOptions abc;
  std::string db_path = "results.sqlite";
  std::string command_line;
  std::uint32_t forecast_runs = 2000;    // > 0: then run a forecast experiment drawn from the posterior
  calibration::ForecastPaths forecast_paths = calibration::ForecastPaths::continued;  // how it makes its runs
  int cut_year = 0;                      // > 0: a backtest; observations from this year on are held out
  std::uint32_t predictive_runs = 2000;  // backtests: runs of the predictive distribution
};

// A calibration's proposals and forecast may be spread over MPI processes.
inline constexpr Spread kCalibrateSpread = Spread::processes;

struct CalibrationOutcome {
  std::int64_t calibration_id = 0;
  std::unique_ptr<calibration::ObservationModel> model;
  calibration::AbcResult result;
  std::vector<calibration::ParameterSummary> summary;  // prior vs posterior, every parameter
  std::vector<calibration::ObservationFit> fit;        // the posterior's error on each fitted figure
  std::vector<calibration::ObservationScore> scores;   // backtests
  calibration::BacktestSummary backtest;
  std::optional<ExperimentOutcome> forecast;
  double wall_seconds = 0.0;  // the calibration, not the forecast
  int threads = 0;
};

// Throws model::SpecError for bad inputs (nothing written), StoreError for
// database problems, model::Interrupted when `stop` is raised (the
// calibration is then marked interrupted). `on_generation` is told of every
// full generation. The proposals and the forecast go through `executor`; a
// process that does not write (Executor::writes()) computes its share only.
CalibrationOutcome run_calibration(const CalibrationRequest& request, const model::Executor& executor,
                                   const calibration::GenerationFn& on_generation = {},
                                   const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
