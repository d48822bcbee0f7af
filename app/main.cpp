// The `targetcast` command line. Thin: parses options, calls io/ and prints.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/progress.h"
#include "io/experiment.h"
#include "io/store.h"
#include "io/target_table.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"

namespace {

using namespace targetcast;

// Exit codes (docs/user-guide.md).
constexpr int kExitBadInput = 2;
constexpr int kExitDatabase = 3;
constexpr int kExitInterrupted = 130;

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

std::string join_arguments(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) s += ' ';
    s += argv[i];
  }
  return s;
}

void print_problems(const model::SpecError& e) {
  const auto& problems = e.problems();
  fmt::print(stderr, "targetcast: {} problem{} in the input:\n", problems.size(), problems.size() == 1 ? "" : "s");
  for (const auto& p : problems) fmt::print(stderr, "  {}\n", p.to_string());
}

int simulate(const io::ExperimentRequest& request, const std::string& lang) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  app::ProgressBar bar;
  const io::ExperimentOutcome out =
      io::run_experiment(request, [&](std::uint32_t done, std::uint32_t total) { bar.update(done, total); }, &g_stop);
  bar.finish();
  fmt::print("experiment {} written to {} ({} runs per scenario, seed {}, {} threads, {:.2f} s)\n\n",
             out.experiment_id, request.db_path, request.monte_carlo.runs, request.monte_carlo.master_seed,
             out.threads, out.wall_seconds);
  for (std::size_t s = 0; s < out.results.size(); ++s) {
    fmt::print("{}\n", io::format_target_table(out.models[s], out.results[s], lang));
  }
  return 0;
}

int validate(const std::vector<std::string>& files) {
  int bad = 0;
  for (const std::string& path : files) {
    std::vector<model::Problem> problems;
    try {
      problems = io::validate_file(io::read_source(path));
    } catch (const model::SpecError& e) {
      problems = e.problems();
    }
    if (problems.empty()) {
      fmt::print("{}: ok\n", path);
    } else {
      ++bad;
      for (const auto& p : problems) fmt::print(stderr, "{}\n", p.to_string());
    }
  }
  return bad == 0 ? 0 : kExitBadInput;
}

int list_experiments(const std::string& db_path) {
  const io::Store store = io::Store::open(db_path, io::Store::Mode::read_only);
  fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", "id", "status", "created", "plan", "runs", "seed",
             "scenarios");
  for (const io::ExperimentRow& e : store.experiments()) {
    std::string scenarios;
    for (const auto& s : e.scenarios) scenarios += (scenarios.empty() ? "" : ",") + s;
    fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", e.id, e.status, e.created, e.plan_id, e.runs,
               e.master_seed, scenarios);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"targetcast: how likely is each target of an industry plan, and what changes the odds.\n"
               "Monte Carlo simulation of a firm-level model seeded from the plan's own figures."};
  cli.set_version_flag("--version", std::string("targetcast ") + TARGETCAST_VERSION);
  cli.require_subcommand(1);

  io::ExperimentRequest request;
  request.command_line = join_arguments(argc, argv);
  std::string lang = "en";
  auto* sim = cli.add_subcommand("simulate", "Run the Monte Carlo experiment and store it in SQLite");
  sim->add_option("--baseline", request.inputs.baseline, "Plan seed file (default: embedded Guangdong 2022-2025 plan)");
  sim->add_option("--scenario", request.inputs.scenarios, "Scenario file; repeat to run several in one experiment");
  sim->add_option("--priors", request.inputs.priors, "Prior file (default: priors.toml beside the plan, else embedded)");
  sim->add_option("--runs", request.monte_carlo.runs, "Monte Carlo runs per scenario")
      ->default_val(10000)
      ->check(CLI::Range(1u, 100000000u));
  sim->add_option("--rng-seed", request.monte_carlo.master_seed, "Master seed")->default_val(1);
  sim->add_option("--threads", request.monte_carlo.threads, "Threads (0 = all cores)")
      ->default_val(0)
      ->check(CLI::Range(0, 1024));
  sim->add_option("--db", request.db_path, "SQLite results file")->default_val("results.sqlite");
  sim->add_option("--horizon", request.inputs.horizon, "Last simulated year (default: the plan's)");
  sim->add_flag("!--no-per-run", request.per_run, "Store only summaries, not every run's trajectory");
  sim->add_option("--lang", lang, "Language of the printed table")->check(CLI::IsMember({"en", "zh"}));

  std::string targets_plan;
  auto* targets = cli.add_subcommand("targets", "List a plan's targets with their sources");
  targets->add_option("--baseline", targets_plan, "Plan seed file (default: embedded Guangdong plan)");
  targets->add_option("--lang", lang, "Language")->check(CLI::IsMember({"en", "zh"}));

  std::vector<std::string> files;
  auto* val = cli.add_subcommand("validate", "Check seed, prior and scenario files; report every problem");
  val->add_option("files", files, "Files to check")->required();

  std::string db_path = "results.sqlite";
  auto* exps = cli.add_subcommand("experiments", "List the experiments in a results database");
  exps->add_option("--db", db_path, "SQLite results file")->default_val("results.sqlite");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*sim) return simulate(request, lang);
    if (*targets) {
      fmt::print("{}", io::format_plan_targets(io::load_plan_file(targets_plan), lang));
      return 0;
    }
    if (*val) return validate(files);
    if (*exps) return list_experiments(db_path);
  } catch (const model::SpecError& e) {
    print_problems(e);
    return kExitBadInput;
  } catch (const io::StoreError& e) {
    fmt::print(stderr, "targetcast: {}\n", e.what());
    return kExitDatabase;
  } catch (const model::Interrupted&) {
    fmt::print(stderr, "\ntargetcast: interrupted; the experiment is marked 'interrupted' in the database\n");
    return kExitInterrupted;
  } catch (const std::exception& e) {
    fmt::print(stderr, "targetcast: {}\n", e.what());
    return 1;
  }
  return 0;
}
