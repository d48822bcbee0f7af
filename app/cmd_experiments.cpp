// targetcast experiments: what a results database holds; `experiments delete ID`
// removes one experiment and every row of it in one transaction.
#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <memory>

#include "app/commands.h"
#include "store/store.h"

namespace targetcast::app {
namespace {

struct ExperimentsOptions {
  std::string db = "results.sqlite";
  std::int64_t delete_id = 0;
  bool force = false;
};

int list_experiments(const std::string& db) {
  const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
  fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", "id", "status", "created", "plan", "runs", "seed",
             "scenarios");
  for (const store::ExperimentRow& e : store.experiments()) {
    std::string scenarios;
    for (const auto& s : e.scenarios) scenarios += (scenarios.empty() ? "" : ",") + s;
    fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", e.id, e.status, e.created, e.plan_id, e.runs,
               e.master_seed, scenarios);
  }
  return 0;
}

// A 'running' experiment is refused without --force: it may be one another
// targetcast is writing right now. One that a killed process left behind
// stays 'running' for ever (docs/schema.md), and --force removes it.
int delete_experiment(const ExperimentsOptions& o) {
  if (!std::filesystem::exists(o.db)) throw store::StoreError(o.db, "no such file: check the name (--db).");
  store::Store store = store::Store::open(o.db);
  store.delete_experiment(o.delete_id,
                          o.force ? store::Store::IfRunning::delete_anyway : store::Store::IfRunning::refuse);
  fmt::print("experiment {} deleted from {}\n", o.delete_id, o.db);
  return 0;
}

}  // namespace

Command add_experiments_command(CLI::App& cli) {
  auto o = std::make_shared<ExperimentsOptions>();
  auto* sub = cli.add_subcommand("experiments", "List the experiments in a results database with their status");
  sub->add_option("--db", o->db, "SQLite results file")->default_val("results.sqlite");
  auto* del = sub->add_subcommand("delete", "Delete one experiment and every row of it (one transaction)");
  del->fallthrough();  // `experiments delete 3 --db FILE` reaches the parent's --db
  del->add_option("id", o->delete_id, "Experiment id (targetcast experiments lists them)")->required();
  del->add_flag("--force", o->force,
                "Also delete a 'running' experiment (one whose process was killed; a process still writing it then "
                "fails)");
  return {sub,
          [o, del](const model::Executor&) { return del->parsed() ? delete_experiment(*o) : list_experiments(o->db); }};
}

}  // namespace targetcast::app
