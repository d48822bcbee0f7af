// targetcast simulate: run an experiment, store it, print the target table.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <memory>

#include "app/commands.h"
#include "app/progress.h"
#include "io/experiment.h"
#include "io/target_table.h"

namespace targetcast::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

struct SimulateOptions {
  io::ExperimentRequest request;
  std::string lang = "en";
};

int run_simulate(SimulateOptions& o) {
  o.request.command_line = command_line();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  ProgressBar bar;
  const io::ExperimentOutcome out = io::run_experiment(
      o.request, [&](std::uint32_t done, std::uint32_t total) { bar.update(done, total); }, &g_stop);
  bar.finish();
  fmt::print("experiment {} written to {} ({} runs per scenario, seed {}, {} threads, {:.2f} s)\n\n",
             out.experiment_id, o.request.db_path, o.request.monte_carlo.runs, o.request.monte_carlo.master_seed,
             out.threads, out.wall_seconds);
  for (std::size_t s = 0; s < out.results.size(); ++s) {
    fmt::print("{}\n", io::format_target_table(out.models[s], out.results[s], o.lang));
  }
  return 0;
}

}  // namespace

Command add_simulate_command(CLI::App& cli) {
  auto o = std::make_shared<SimulateOptions>();
  io::ExperimentRequest& r = o->request;
  auto* sim = cli.add_subcommand("simulate", "Run the Monte Carlo experiment and store it in SQLite");
  sim->add_option("--baseline", r.inputs.baseline, "Plan seed file (default: embedded Guangdong 2022-2025 plan)");
  sim->add_option("--scenario", r.inputs.scenarios, "Scenario file; repeat to run several in one experiment");
  sim->add_option("--priors", r.inputs.priors, "Prior file (default: priors.toml beside the plan, else embedded)");
  sim->add_option("--runs", r.monte_carlo.runs, "Monte Carlo runs per scenario")
      ->default_val(10000)
      ->check(CLI::Range(1u, 100000000u));
  sim->add_option("--rng-seed", r.monte_carlo.master_seed, "Master seed")->default_val(1);
  sim->add_option("--threads", r.monte_carlo.threads, "Threads (0 = all cores)")
      ->default_val(0)
      ->check(CLI::Range(0, 1024));
  sim->add_option("--db", r.db_path, "SQLite results file")->default_val("results.sqlite");
  sim->add_option("--horizon", r.inputs.horizon, "Last simulated year (default: the plan's)");
  sim->add_flag("!--no-per-run", r.per_run, "Store only summaries, not every run's trajectory");
  sim->add_option("--lang", o->lang, "Language of the printed table")->check(CLI::IsMember({"en", "zh"}));
  return {sim, [o] { return run_simulate(*o); }};
}

}  // namespace targetcast::app
