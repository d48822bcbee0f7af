// targetcast experiments: what a results database holds.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "io/store.h"

namespace targetcast::app {

Command add_experiments_command(CLI::App& cli) {
  auto db = std::make_shared<std::string>("results.sqlite");
  auto* sub = cli.add_subcommand("experiments", "List the experiments in a results database");
  sub->add_option("--db", *db, "SQLite results file")->default_val("results.sqlite");
  return {sub, [db] {
            const io::Store store = io::Store::open(*db, io::Store::Mode::read_only);
            fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", "id", "status", "created", "plan", "runs",
                       "seed", "scenarios");
            for (const io::ExperimentRow& e : store.experiments()) {
              std::string scenarios;
              for (const auto& s : e.scenarios) scenarios += (scenarios.empty() ? "" : ",") + s;
              fmt::print("{:>4}  {:<11}  {:<20}  {:<20}  {:>8}  {:>6}  {}\n", e.id, e.status, e.created, e.plan_id,
                         e.runs, e.master_seed, scenarios);
            }
            return 0;
          }};
}

}  // namespace targetcast::app
