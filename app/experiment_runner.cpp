#include "app/experiment_runner.h"

#include <fmt/format.h>

#include "app/commands.h"
#include "app/progress.h"
#include "report/report_text.h"

namespace targetcast::app {

void add_experiment_options(CLI::App* sub, workflow::ExperimentRequest& r) {
  sub->add_option("--baseline", r.inputs.baseline,
                  "Plan seed file (default: the plan the scenarios name, else the embedded Guangdong 2022-2025 plan)");
  sub->add_option("--priors", r.inputs.priors, "Prior file (default: priors.toml beside the plan, else embedded)");
  sub->add_option("--runs", r.monte_carlo.runs, "Monte Carlo runs per scenario")
      ->default_val(10000)
      ->check(CLI::Range(1u, 100000000u));
  sub->add_option("--rng-seed", r.monte_carlo.master_seed, "Master seed")->default_val(1);
  sub->add_option("--threads", r.monte_carlo.threads, "Threads (0 = all cores)")
      ->default_val(0)
      ->check(CLI::Range(0, 1024));
  sub->add_option("--db", r.db_path, "SQLite results file")->default_val("results.sqlite");
  sub->add_option("--horizon", r.inputs.horizon, "Last simulated year (default: the plan's)");
  sub->add_flag("!--no-per-run", r.per_run, "Store only summaries, not every run's trajectory");
  sub->add_option("--memory-mb", r.memory_budget_mb,
                  "Memory for per-run rows before they are written; more runs than fit are simulated and written "
                  "block by block (summary quantiles then within 0.4%, docs/model.md §14)")
      ->default_val(1024)
      ->check(CLI::Range(1u, 1u << 20));
  sub->add_option_function<std::int64_t>(
      "--posterior", [&r](const std::int64_t& id) { r.posterior = id; },
      "Draw the parameters from this calibration's posterior (targetcast calibrate) instead of the priors");
  sub->add_flag_function(
      "--fresh-paths", [&r](std::int64_t) { r.paths = calibration::ForecastPaths::fresh; },
      "With --posterior: simulate every year afresh instead of continuing the calibration's accepted paths "
      "through its last observed year");
}

void print_forecast_paths(const workflow::ExperimentOutcome& out) {
  if (!out.posterior) return;
  fmt::print("{}.\n\n", report::describe_forecast_paths(std::to_string(out.posterior->calibration_id),
                                                        calibration::to_string(out.paths), out.paths_through_year,
                                                        "en"));
}

workflow::ExperimentOutcome run_from_terminal(workflow::ExperimentRequest& request, const model::Executor& executor,
                                              ExperimentUseCase use_case) {
  request.command_line = command_line();
  const std::atomic<bool>* stop = stop_on_signals();
  // Under mpirun every process runs its share; the writing one prints.
  if (!executor.writes()) return use_case(request, executor, {}, stop);
  ProgressBar bar;
  workflow::ExperimentOutcome out = use_case(
      request, executor, [&](std::uint32_t done, std::uint32_t total) { bar.update(done, total); }, stop);
  bar.finish();
  fmt::print("experiment {} written to {} ({} runs per scenario, seed {}, {} threads, {:.2f} s)\n\n", out.experiment_id,
             request.db_path, request.monte_carlo.runs, request.monte_carlo.master_seed, out.threads, out.wall_seconds);
  print_forecast_paths(out);
  return out;
}

}  // namespace targetcast::app
