// targetcast solve: the smallest lever value that reaches a required P(met)
// (docs/sensitivity.md, "solve"): a monotone search on common random numbers,
// then a confirmation run with a fresh master seed. Prints and stores it.
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "app/analysis_options.h"
#include "app/commands.h"
#include "report/sensitivity_table.h"
#include "store/sensitivity_store.h"

namespace targetcast::app {
namespace {

struct SolveCommand {
  AnalysisOptions analysis;
  std::string target;
  bool all_targets = false;
  double probability = 0.8;
  std::string lever = "funding_multiplier";
  std::vector<double> range;  // LO HI; default per lever
  int from_year = 2023;
  std::uint32_t runs = 2000;
  std::uint32_t confirmation_runs = 10000;
  std::uint64_t confirmation_seed = 0;  // 0: the master seed + 1
  double tolerance = 0.01;
};

int run_solve(const SolveCommand& c) {
  const model::CompiledModel model = load_analysis_model(c.analysis);
  analysis::LeverSearchOptions o;
  o.target = c.all_targets ? model::kNoIndex : find_target(model, c.target);
  o.range.lever = *analysis::find_policy_lever(c.lever);
  o.range.from_year = c.from_year;
  o.range.low = c.range.empty() ? analysis::neutral_value(o.range.lever) : c.range[0];
  o.range.high = c.range.empty() ? (o.range.lever == analysis::PolicyLever::new_parks ? 10.0 : 3.0) : c.range[1];
  require_valid(model, o.range, "--range");
  o.probability = c.probability;
  o.runs = c.runs;
  o.master_seed = c.analysis.master_seed;
  o.confirmation_runs = c.confirmation_runs;
  o.confirmation_seed = c.confirmation_seed != 0 ? c.confirmation_seed : c.analysis.master_seed + 1;
  if (o.confirmation_seed == o.master_seed) {
    bad_option("--confirm-seed", "must differ from --rng-seed");
  }
  o.tolerance = c.tolerance;
  o.threads = c.analysis.threads;

  store::Store store = store::Store::open(c.analysis.db_path);  // fails before anything is simulated
  const auto start = std::chrono::steady_clock::now();
  const analysis::LeverSearchResult r = analysis::search_lever(model, o);
  store::AnalysisInfo info;
  info.command_line = command_line();
  info.threads = resolved_threads(c.analysis.threads);
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::int64_t id = store::SensitivityStore(store).write_solve(info, model, o, r);
  fmt::print("{}solve {} written to {} ({:.1f} s)\n", report::format_solve(model, o, r), id, c.analysis.db_path,
             info.wall_seconds);
  return 0;
}

}  // namespace

Command add_solve_command(CLI::App& cli) {
  auto c = std::make_shared<SolveCommand>();
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
  sub->add_option("--tolerance", c->tolerance, "Width at which the search of a continuous lever stops")
      ->default_val(0.01)
      ->check(CLI::PositiveNumber);
  return {sub, [c] {
            if (c->target.empty() && !c->all_targets) {
              bad_option("--target", "give --target ID or --all-targets");
            }
            return run_solve(*c);
          }};
}

}  // namespace targetcast::app
