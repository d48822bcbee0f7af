// targetcast solve: the smallest lever value that reaches a required P(met)
// (docs/sensitivity.md, "solve"): a monotone search on common random numbers,
// then a confirmation run with a fresh master seed. Prints and stores it.
#include <fmt/format.h>

#include <memory>

#include "app/analysis_options.h"
#include "app/commands.h"
#include "report/sensitivity_table.h"
#include "workflow/solve.h"

namespace targetcast::app {
namespace {

int run_solve(workflow::SolveRequest& r, const model::Executor& executor) {
  r.command_line = command_line();
  const workflow::SolveOutcome out = workflow::run_solve(r, executor, stop_on_signals());
  fmt::print("{}solve {} written to {} ({:.1f} s)\n", report::format_solve(out.model, out.options, out.result),
             out.solve_id, r.analysis.db_path, out.wall_seconds);
  return 0;
}

}  // namespace

Command add_solve_command(CLI::App& cli) {
  auto c = std::make_shared<workflow::SolveRequest>();
  auto* sub = cli.add_subcommand(
      "solve", "The smallest lever value (funding multiplier, new parks) that reaches a required P(met)");
  add_analysis_options(sub, c->analysis);
  auto* target = sub->add_option("--target", c->target, "Target id (or its indicator id)");
  auto* all = sub->add_flag("--all-targets", c->all_targets, "Use the probability that every target is met");
  target->excludes(all);
  sub->add_option("--probability", c->probability, "Required P(met)")->required()->check(CLI::Range(0.001, 1.0));
  sub->add_option("--lever", c->lever, "funding_multiplier (x provincial funding) or new_parks (integer)")
      ->check(CLI::IsMember({"funding_multiplier", "new_parks"}));
  sub->add_option("--range", c->range, "LO HI (default: 1 3 for funding_multiplier, 0 10 for new_parks)")->expected(2);
  sub->add_option("--from", c->from_year, "Year the lever takes effect (funding: from then to the horizon)")
      ->default_val(2023);
  sub->add_option("--runs", c->runs, "Runs per candidate value (the same runs for every value)")
      ->default_val(2000)
      ->check(CLI::Range(10u, 10000000u));
  sub->add_option("--confirm-runs", c->confirmation_runs, "Runs of the confirmation at the value found")
      ->default_val(10000)
      ->check(CLI::Range(10u, 10000000u));
  sub->add_option("--confirm-seed", c->confirmation_seed, "Master seed of the confirmation (default: --rng-seed + 1)");
  sub->add_option("--rounds", c->rounds,
                  "Search rounds at most: a confirmation whose interval lies below the probability starts another, "
                  "above the value found, on the confirmation's runs")
      ->default_val(3)
      ->check(CLI::Range(1, 20));
  sub->add_option("--tolerance", c->tolerance, "Width at which the search of a continuous lever stops")
      ->default_val(0.01)
      ->check(CLI::PositiveNumber);
  return {sub, [c](const model::Executor& executor) { return run_solve(*c, executor); }, workflow::kSolveSpread};
}

}  // namespace targetcast::app
