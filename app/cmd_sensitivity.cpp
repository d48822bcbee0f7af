// targetcast sensitivity: what drives each target's odds (docs/sensitivity.md).
// Sobol indices (Saltelli design, Jansen estimators, bootstrap intervals) and
// a one-at-a-time tornado of every uncertain parameter, the lever ranges and
// the runs' own randomness; prints the ranking and stores it in SQLite.
#include <fmt/format.h>

#include <optional>

#include <chrono>
#include <memory>

#include "app/analysis_options.h"
#include "app/commands.h"
#include "app/experiment_runner.h"
#include "app/progress.h"
#include "dist/distributed.h"
#include "report/sensitivity_table.h"
#include "store/sensitivity_store.h"

namespace targetcast::app {
namespace {

struct SensitivityCommand {
  AnalysisOptions analysis;
  std::vector<std::string> targets;  // empty: every target and the joint outcome
  std::string method = "both";
  std::size_t samples = 256;
  std::size_t tornado_runs = 200;
  std::size_t bootstrap = 500;
  std::size_t top = 10;
  std::vector<std::string> levers;
  bool no_levers = false;
  int lever_year = 2023;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_sensitivity(const SensitivityCommand& c) {
  const model::CompiledModel model = load_analysis_model(c.analysis);
  std::vector<std::size_t> targets;
  for (const std::string& id : c.targets) targets.push_back(find_target(model, id));
  if (targets.empty()) {
    for (std::size_t t = 0; t < model.targets.size(); ++t) targets.push_back(t);
    targets.push_back(model::kNoIndex);
  }
  std::vector<analysis::LeverRange> levers;
  for (const std::string& text : c.levers) levers.push_back(parse_lever(model, text, c.lever_year));
  if (levers.empty() && !c.no_levers) {
    levers.push_back({analysis::PolicyLever::funding_multiplier, c.lever_year, 0.5, 2.0});
    require_valid(model, levers.back(), "--lever-year");
  }

  // Under mpirun every process runs its share of the points; rank 0 writes
  // and prints (the others open no database).
  const bool worker = is_worker_process();
  std::optional<store::Store> store;
  if (!worker) store.emplace(store::Store::open(c.analysis.db_path));  // fails before anything is simulated
  store::AnalysisInfo info;
  info.command_line = command_line();
  info.threads = resolved_threads(c.analysis.threads);
  analysis::SensitivityOptions o;
  o.master_seed = c.analysis.master_seed;
  o.bootstrap = c.bootstrap;
  o.threads = c.analysis.threads;
  o.evaluate_batch = dist::evaluate_batch;

  if (c.method != "tornado") {
    o.samples = c.samples;
    ProgressBar bar;
    const auto start = std::chrono::steady_clock::now();
    const analysis::SobolAnalysis a =
        analysis::sobol_analysis(model, levers, o, [&](std::uint32_t d, std::uint32_t t) { bar.update(d, t); });
    bar.finish();
    info.wall_seconds = seconds_since(start);
    if (!worker) {
      const std::int64_t id = store::SensitivityStore(*store).write_sobol(info, model, levers, o, a);
      fmt::print(
          "sensitivity analysis {} (Sobol) written to {}: {} inputs, N = {}, {} model runs, {} bootstrap "
          "resamples, seed {}, {} threads, {:.1f} s\n\n",
          id, c.analysis.db_path, a.inputs.size(), o.samples, a.evaluations, o.bootstrap, o.master_seed, info.threads,
          info.wall_seconds);
      for (std::size_t t : targets) fmt::print("{}", report::format_sobol_table(model, a, t, c.top));
    }
  }
  if (c.method != "sobol") {
    o.samples = c.tornado_runs;
    ProgressBar bar;
    const auto start = std::chrono::steady_clock::now();
    const analysis::TornadoAnalysis a =
        analysis::tornado_analysis(model, levers, o, [&](std::uint32_t d, std::uint32_t t) { bar.update(d, t); });
    bar.finish();
    info.wall_seconds = seconds_since(start);
    if (!worker) {
      const std::int64_t id = store::SensitivityStore(*store).write_tornado(info, model, levers, o, a);
      fmt::print(
          "sensitivity analysis {} (tornado) written to {}: {} inputs, {} runs per setting, seed {}, {:.1f} s\n\n", id,
          c.analysis.db_path, a.inputs.size(), a.runs, o.master_seed, info.wall_seconds);
      for (std::size_t t : targets) fmt::print("{}", report::format_tornado_table(model, a, t, c.top));
    }
  }
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& cli) {
  auto c = std::make_shared<SensitivityCommand>();
  auto* sub = cli.add_subcommand(
      "sensitivity", "What drives each target's odds: Sobol indices and a tornado of every uncertain input");
  add_analysis_options(sub, c->analysis);
  sub->add_option("--target", c->targets,
                  "Target id (or its indicator id) to print; repeat for several (default: every target and the "
                  "joint outcome; all are stored)");
  sub->add_option("--method", c->method, "sobol, tornado or both")->check(CLI::IsMember({"sobol", "tornado", "both"}));
  sub->add_option("--samples", c->samples, "N of the Saltelli design: N x (inputs + 2) model runs")
      ->default_val(256)
      ->check(CLI::Range(std::size_t{8}, std::size_t{1} << 20));
  sub->add_option("--tornado-runs", c->tornado_runs, "Runs per tornado setting (2 x inputs + 1 settings)")
      ->default_val(200)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  sub->add_option("--bootstrap", c->bootstrap, "Bootstrap resamples for the intervals")
      ->default_val(500)
      ->check(CLI::Range(std::size_t{20}, std::size_t{100000}));
  sub->add_option("--lever", c->levers,
                  "A policy lever as an input, NAME:LO:HI[:YEAR], e.g. funding_multiplier:0.5:2:2023, "
                  "new_parks:0:10 (default: funding_multiplier:0.5:2 from --lever-year); repeatable");
  sub->add_flag("--no-levers", c->no_levers, "Only the parameters and the runs' own randomness");
  sub->add_option("--lever-year", c->lever_year, "First year of a lever given without YEAR")->default_val(2023);
  sub->add_option("--top", c->top, "Inputs printed per ranking")->default_val(10);
  return {sub, [c] { return run_sensitivity(*c); }};
}

}  // namespace targetcast::app
