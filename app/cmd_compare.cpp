// targetcast compare: paired comparison of scenarios with common random numbers
// (docs/scenarios.md): either of a stored experiment (--db, --experiment) or of
// scenario files run now in one experiment (--scenarios, the first is the
// reference). Prints the comparison table and stores it in `comparisons`.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "app/commands.h"
#include "app/experiment_runner.h"
#include "report/comparison_table.h"
#include "workflow/compare.h"

namespace targetcast::app {
namespace {

struct CompareOptions {
  workflow::ExperimentRequest request;
  std::int64_t experiment = 0;
  std::string lang = "en";
};

int run_compare(CompareOptions& o, const model::Executor& executor) {
  std::vector<analysis::ScenarioComparison> comparisons;
  if (o.experiment > 0) {
    comparisons = workflow::compare_stored(o.request.db_path, o.experiment);
    fmt::print("experiment {} in {}: comparisons stored in table comparisons\n\n", o.experiment, o.request.db_path);
  } else {
    if (o.request.inputs.scenarios.size() < 2) {
      fmt::print(stderr,
                 "targetcast compare: give --experiment ID (a stored experiment) or --scenarios with two or more "
                 "scenario files, the reference first\n");
      return kExitBadInput;
    }
    comparisons = run_from_terminal(o.request, executor, workflow::compare_scenarios).comparisons;
  }
  fmt::print("{}", report::format_comparison_table(comparisons, o.lang));
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& cli) {
  auto o = std::make_shared<CompareOptions>();
  auto* sub = cli.add_subcommand(
      "compare", "Compare scenarios with the first, run by run (common random numbers); store the comparison");
  auto* experiment = sub->add_option("--experiment", o->experiment,
                                     "A stored experiment with two or more scenarios (needs its per-run rows)")
                         ->check(CLI::PositiveNumber);
  auto* scenarios = sub->add_option("--scenarios", o->request.inputs.scenarios,
                                    "Scenario files to run now in one experiment; the first is the reference")
                        ->expected(1, -1);
  experiment->excludes(scenarios);
  add_experiment_options(sub, o->request);
  sub->add_option("--lang", o->lang, "Language of the printed table")->check(CLI::IsMember({"en", "zh"}));
  return {sub, [o](const model::Executor& executor) { return run_compare(*o, executor); }, workflow::kCompareSpread};
}

}  // namespace targetcast::app
