#include "app/calibration_runner.h"

#include <fmt/format.h>

#include "app/commands.h"
#include "report/calibration_tables.h"
#include "workflow/backtest.h"

namespace targetcast::app {

void add_calibration_options(CLI::App* sub, workflow::CalibrationRequest& r) {
  sub->add_option("--baseline", r.inputs.baseline, "Plan seed file (default: the embedded Guangdong 2022-2025 plan)");
  sub->add_option("--priors", r.inputs.priors, "Prior file (default: priors.toml beside the plan, else embedded)");
  sub->add_option("--scenario", r.inputs.scenarios,
                  "Scenario of the forecast runs, for observations after the base year (default: the baseline)");
  sub->add_option("--observations", r.observation_files,
                  "Observation files (CSV, docs/calibration.md); default: the shipped Guangdong observations");
  sub->add_option("--particles", r.abc.particles, "ABC-SMC particles per generation")
      ->default_val(1000)
      ->check(CLI::Range(3u, 1000000u));
  sub->add_option("--generations", r.abc.max_generations, "Stop after this many generations")
      ->default_val(20)
      ->check(CLI::Range(1, 1000));
  sub->add_option("--min-epsilon", r.abc.min_epsilon,
                  "Stop when the tolerance reaches this distance (1 = errors of one relative_sd)")
      ->default_val(1.0)
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--min-acceptance", r.abc.min_acceptance, "Stop when fewer proposals than this share are accepted")
      ->default_val(0.02)
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--max-simulations", r.abc.max_simulations, "Stop after this many simulations in all")
      ->default_val(2000000);
  sub->add_option("--quantile", r.abc.quantile,
                  "Tolerance of a generation: this quantile of the previous generation's distances")
      ->default_val(0.5)
      ->check(CLI::Range(0.05, 0.95));
  sub->add_option("--rng-seed", r.abc.master_seed, "Master seed")->default_val(1);
  sub->add_option("--threads", r.abc.threads, "Threads (0 = all cores)")->default_val(0)->check(CLI::Range(0, 1024));
  sub->add_option("--db", r.db_path, "SQLite results file")->default_val("results.sqlite");
}

workflow::CalibrationOutcome calibrate_from_terminal(workflow::CalibrationRequest& request,
                                                     const model::Executor& executor) {
  request.command_line = command_line();
  const std::atomic<bool>* stop = stop_on_signals();
  // Under mpirun every process simulates its share of each round's proposals
  // and of the forecast; the writing one prints.
  const auto use_case = request.cut_year > 0 ? workflow::run_backtest : workflow::run_calibration;
  if (!executor.writes()) return use_case(request, executor, {}, stop);
  workflow::CalibrationOutcome out = use_case(
      request, executor, [](const calibration::Generation& g) { fmt::print("{}\n", report::format_generation(g)); },
      stop);
  const calibration::ObservationModel& om = *out.model;
  fmt::print(
      "\n{} {} written to {} ({} particles, {} generations, {} simulations, stopped by {}, seed {}, {} "
      "threads, {:.1f} s)\n",
      request.cut_year > 0 ? "backtest" : "calibration", out.calibration_id, request.db_path, request.abc.particles,
      out.result.generations.size(), out.result.simulations, calibration::to_string(out.result.stop),
      request.abc.master_seed, out.threads, out.wall_seconds);
  if (om.has_presample()) {
    fmt::print("pre-sample run {}..{} (docs/calibration.md)\n", om.presample_start_year(), om.forecast().base_year);
  }
  fmt::print("\nobservations:\n{}\nprior vs posterior:\n{}", report::format_observation_uses(om, out.fit),
             report::format_parameter_summary(out.summary));
  return out;
}

}  // namespace targetcast::app
