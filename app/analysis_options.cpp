#include "app/analysis_options.h"

namespace targetcast::app {
void add_analysis_options(CLI::App* sub, workflow::AnalysisInputs& o) {
  sub->add_option("--baseline", o.inputs.baseline,
                  "Plan seed file (default: the plan the scenario names, else the embedded Guangdong plan)");
  sub->add_option("--scenario", o.scenario, "Scenario file the analysis starts from (default: baseline)");
  sub->add_option("--priors", o.inputs.priors, "Prior file (default: priors.toml beside the plan, else embedded)");
  sub->add_option("--horizon", o.inputs.horizon, "Last simulated year (default: the plan's)");
  sub->add_option("--rng-seed", o.master_seed, "Master seed")->default_val(1);
  sub->add_option("--threads", o.threads, "Threads (0 = all cores)")->default_val(0)->check(CLI::Range(0, 1024));
  sub->add_option("--db", o.db_path, "SQLite results file")->default_val("results.sqlite");
}

}  // namespace targetcast::app
