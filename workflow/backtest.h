#pragma once
// Backtests (docs/calibration.md, docs/validation.md): a calibration on the
// observations before a cut year, then the held-out ones forecast and scored
// against what was observed. One row of calibrations with purpose
// 'backtest', under the contract of workflow/contract.h; no forecast
// experiment. Rolling origin: one backtest at every possible cut.
#include <array>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

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

// One cut of a rolling-origin backtest.
struct BacktestCut {
  std::string plan;  // the plan file backtested
  int cut_year = 0;
  CalibrationOutcome outcome;
};

// A cut that could not be backtested, and why (nothing left to fit before
// it, no year left to start from).
struct SkippedCut {
  std::string plan;
  int cut_year = 0;
  std::string why;
};

struct BacktestSuite {
  std::vector<BacktestCut> cuts;
  std::vector<SkippedCut> skipped;
  calibration::BacktestSummary overall;  // over every held-out figure of every cut
  std::array<std::size_t, 10> pit_histogram{};  // PIT of the scored figures in tenths
};

// The plans a rolling-origin backtest covers: the request's own plan and
// observation files when it names observations; otherwise every shipped
// plan with a shipped observation file (seeds/observations/<region>.csv),
// each with that file.
struct BacktestTarget {
  std::string plan;                       // "" = the request's (or the default) plan
  std::vector<std::string> observations;  // observation files
};
std::vector<BacktestTarget> backtest_targets(const CalibrationRequest& request);

// Every cut of every target: each observed year after the first that leaves
// a figure to fit before it; a cut the observations cannot support is
// skipped with its reason. `on_cut` is told of each finished cut. Throws as
// run_calibration (a bad file, a database problem, an interruption).
BacktestSuite run_backtest_all(const CalibrationRequest& request, const model::Executor& executor,
                               const std::function<void(const BacktestCut&)>& on_cut = {},
                               const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
