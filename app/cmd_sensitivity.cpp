// targetcast sensitivity: what drives each target's odds (docs/sensitivity.md).
// Sobol indices (Saltelli design, Jansen estimators, bootstrap intervals) and
// a one-at-a-time tornado of every uncertain parameter, the lever ranges and
// the runs' own randomness; prints the ranking and stores it in SQLite.
#include <fmt/format.h>

#include <memory>

#include "app/analysis_options.h"
#include "app/commands.h"
#include "app/progress.h"
#include "report/sensitivity_table.h"
#include "workflow/sensitivity.h"

namespace targetcast::app {
namespace {

struct SensitivityCommand {
  workflow::SensitivityRequest request;
  std::size_t top = 10;
};

int run_sensitivity(SensitivityCommand& c, const model::Executor& executor) {
  workflow::SensitivityRequest& r = c.request;
  r.command_line = command_line();
  const std::atomic<bool>* stop = stop_on_signals();
  // Under mpirun every process runs its share of the points; the writing one prints.
  ProgressBar bar;
  const workflow::SensitivityOutcome out = workflow::run_sensitivity(
      r, executor, [&](std::uint32_t d, std::uint32_t t) { bar.update(d, t); }, stop);
  bar.finish();
  if (!executor.writes()) return 0;
  const model::CompiledModel& model = out.model;
  if (out.sobol) {
    const analysis::SobolAnalysis& a = out.sobol->analysis;
    fmt::print(
        "sensitivity analysis {} (Sobol) written to {}: {} inputs, N = {}, {} model runs, {} bootstrap "
        "resamples, seed {}, {} threads, {:.1f} s\n\n",
        out.sobol->id, r.analysis.db_path, a.inputs.size(), r.samples, a.evaluations, r.bootstrap,
        r.analysis.master_seed, out.threads, out.sobol->wall_seconds);
    for (std::size_t t : out.targets) fmt::print("{}", report::format_sobol_table(model, a, t, c.top));
  }
  if (out.tornado) {
    const analysis::TornadoAnalysis& a = out.tornado->analysis;
    fmt::print("sensitivity analysis {} (tornado) written to {}: {} inputs, {} runs per setting, seed {}, {:.1f} s\n\n",
               out.tornado->id, r.analysis.db_path, a.inputs.size(), a.runs, r.analysis.master_seed,
               out.tornado->wall_seconds);
    for (std::size_t t : out.targets) fmt::print("{}", report::format_tornado_table(model, a, t, c.top));
  }
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& cli) {
  auto c = std::make_shared<SensitivityCommand>();
  auto* sub = cli.add_subcommand(
      "sensitivity", "What drives each target's odds: Sobol indices and a tornado of every uncertain input");
  add_analysis_options(sub, c->request.analysis);
  sub->add_option("--target", c->request.targets,
                  "Target id (or its indicator id) to print; repeat for several (default: every target and the "
                  "joint outcome; all are stored)");
  sub->add_option("--method", c->request.method, "sobol, tornado or both")
      ->check(CLI::IsMember({"sobol", "tornado", "both"}));
  sub->add_option("--samples", c->request.samples, "N of the Saltelli design: N x (inputs + 2) model runs")
      ->default_val(256)
      ->check(CLI::Range(std::size_t{8}, std::size_t{1} << 20));
  sub->add_option("--tornado-runs", c->request.tornado_runs, "Runs per tornado setting (2 x inputs + 2 settings)")
      ->default_val(200)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  sub->add_option("--bootstrap", c->request.bootstrap, "Bootstrap resamples for the intervals")
      ->default_val(500)
      ->check(CLI::Range(std::size_t{20}, std::size_t{100000}));
  sub->add_option("--lever", c->request.levers,
                  "A policy lever as an input, NAME:LO:HI[:YEAR], e.g. funding_multiplier:0.5:2:2023, "
                  "new_parks:0:10 (default: funding_multiplier:0.5:2 from --lever-year); repeatable");
  sub->add_flag("--no-levers", c->request.no_levers, "Only the parameters and the runs' own randomness");
  sub->add_option("--lever-year", c->request.lever_year, "First year of a lever given without YEAR")->default_val(2023);
  sub->add_option("--top", c->top, "Inputs printed per ranking")->default_val(10);
  return {sub, [c](const model::Executor& executor) { return run_sensitivity(*c, executor); },
          workflow::kSensitivitySpread};
}

}  // namespace targetcast::app
