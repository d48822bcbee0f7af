// targetcast calibrate: ABC-SMC posterior of the parameters given observed
// figures, stored with every generation; then a forecast drawn from it.
#include <fmt/format.h>

#include <memory>

#include "app/calibration_runner.h"
#include "app/commands.h"
#include "app/experiment_runner.h"
#include "report/target_table.h"

namespace targetcast::app {

Command add_calibrate_command(CLI::App& cli) {
  auto r = std::make_shared<workflow::CalibrationRequest>();
  auto* sub = cli.add_subcommand("calibrate", "Calibrate the parameters against observed figures (ABC-SMC)");
  add_calibration_options(sub, *r);
  sub->add_option_function<std::int64_t>(
      "--from", [r](const std::int64_t& id) { r->from = id; },
      "Refine this calibration with the new --observations instead of starting from the priors");
  sub->add_option("--forecast-runs", r->forecast_runs,
                  "Runs of the forecast drawn from the posterior afterwards (0 = none)")
      ->default_val(2000);
  sub->add_flag_function(
      "--fresh-paths", [r](std::int64_t) { r->forecast_paths = calibration::ForecastPaths::fresh; },
      "The forecast simulates every year afresh instead of continuing the accepted paths through the last "
      "observed year");
  return {sub,
          [r](const model::Executor& executor) {
            const workflow::CalibrationOutcome out = calibrate_from_terminal(*r, executor);
            if (!executor.writes()) return 0;  // the writing process prints
            if (out.forecast) {
              const workflow::ExperimentOutcome& f = *out.forecast;
              fmt::print("\nforecast drawn from the posterior: experiment {} ({} runs, {:.1f} s)\n", f.experiment_id,
                         r->forecast_runs, f.wall_seconds);
              print_forecast_paths(f);
              fmt::print("{}", report::format_target_table(f.models.front(), f.results.front()));
            }
            return 0;
          },
          workflow::kCalibrateSpread};
}

}  // namespace targetcast::app
