// targetcast backtest: calibrate on the observations before a cut year,
// forecast the held-out ones and score each against what was observed.
#include <fmt/format.h>

#include <memory>

#include "app/calibration_runner.h"
#include "app/commands.h"
#include "report/calibration_tables.h"
#include "workflow/backtest.h"

namespace targetcast::app {

namespace {

// --all: every cut of every shipped plan with observations, then the table
// over all of them.
int backtest_all(workflow::CalibrationRequest& r, const model::Executor& executor) {
  r.command_line = command_line();
  const std::atomic<bool>* stop = stop_on_signals();
  std::vector<calibration::CutSummary> cuts;
  const workflow::BacktestSuite suite = workflow::run_backtest_all(
      r, executor,
      [&](const workflow::BacktestCut& c) {
        if (!executor.writes()) return;
        cuts.push_back({c.outcome.model->forecast().plan.id, c.cut_year, c.outcome.calibration_id, c.outcome.backtest});
        fmt::print("{} cut {}: calibration {} ({} generations, stopped by {})\n{}\n", cuts.back().plan, c.cut_year,
                   c.outcome.calibration_id, c.outcome.result.generations.size(),
                   calibration::to_string(c.outcome.result.stop),
                   report::format_backtest(*c.outcome.model, c.outcome.scores, c.outcome.backtest));
      },
      stop);
  if (!executor.writes()) return 0;
  for (const workflow::SkippedCut& s : suite.skipped) {
    fmt::print("skipped cut {} of {}: {}\n", s.cut_year, s.plan.empty() ? "the default plan" : s.plan, s.why);
  }
  fmt::print("\nrolling-origin backtest written to {} ({} cuts):\n{}", r.db_path, cuts.size(),
             report::format_rolling_origin(cuts, suite.overall, suite.pit_histogram));
  return 0;
}

}  // namespace

Command add_backtest_command(CLI::App& cli) {
  auto r = std::make_shared<workflow::CalibrationRequest>();
  auto all = std::make_shared<bool>(false);
  auto* sub = cli.add_subcommand("backtest", "Calibrate on observations before a year, score the forecast of the rest");
  auto* cut = sub->add_option("--cut", r->cut_year, "First held-out year: observations from it on are forecast, not fitted")
                  ->check(CLI::Range(1900, 2200));
  auto* every = sub->add_flag("--all", *all,
                              "Rolling origin: a backtest at every observed year that leaves figures on both sides, "
                              "for every shipped plan with observations (or the given --baseline and --observations)");
  cut->excludes(every);
  add_calibration_options(sub, *r);
  sub->add_option("--predictive-runs", r->predictive_runs, "Runs of the predictive distribution")
      ->default_val(2000)
      ->check(CLI::Range(10u, 10000000u));
  return {sub,
          [r, all](const model::Executor& executor) {
            r->forecast_runs = 0;
            if (*all) return backtest_all(*r, executor);
            if (r->cut_year == 0) {
              fmt::print(stderr, "targetcast backtest: give --cut YEAR (one cut) or --all (every cut)\n");
              return kExitBadInput;
            }
            const workflow::CalibrationOutcome out = calibrate_from_terminal(*r, executor);
            if (!executor.writes()) return 0;  // the writing process prints
            fmt::print("\nheld-out observations (from {} on) against the forecast:\n{}", r->cut_year,
                       report::format_backtest(*out.model, out.scores, out.backtest));
            return 0;
          },
          workflow::kBacktestSpread};
}

}  // namespace targetcast::app
