// targetcast backtest: calibrate on the observations before a cut year,
// forecast the held-out ones and score each against what was observed.
#include <fmt/format.h>

#include <memory>

#include "app/calibration_runner.h"
#include "app/commands.h"
#include "report/calibration_tables.h"
#include "workflow/backtest.h"

namespace targetcast::app {

Command add_backtest_command(CLI::App& cli) {
  auto r = std::make_shared<workflow::CalibrationRequest>();
  auto* sub = cli.add_subcommand("backtest", "Calibrate on observations before a year, score the forecast of the rest");
  sub->add_option("--cut", r->cut_year, "First held-out year: observations from it on are forecast, not fitted")
      ->required()
      ->check(CLI::Range(1900, 2200));
  add_calibration_options(sub, *r);
  sub->add_option("--predictive-runs", r->predictive_runs, "Runs of the predictive distribution")
      ->default_val(2000)
      ->check(CLI::Range(10u, 10000000u));
  return {sub,
          [r](const model::Executor& executor) {
            r->forecast_runs = 0;
            const workflow::CalibrationOutcome out = calibrate_from_terminal(*r, executor);
            if (!executor.writes()) return 0;  // the writing process prints
            fmt::print("\nheld-out observations (from {} on) against the forecast:\n{}", r->cut_year,
                       report::format_backtest(*out.model, out.scores, out.backtest));
            return 0;
          },
          workflow::kBacktestSpread};
}

}  // namespace targetcast::app
