// targetcast simulate: run an experiment, store it, print the target table.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "app/experiment_runner.h"
#include "app/report_output.h"
#include "report/calibration_tables.h"
#include "report/comparison_table.h"
#include "report/target_table.h"
#include "workflow/report.h"

namespace targetcast::app {
namespace {

struct SimulateOptions {
  workflow::ExperimentRequest request;
  std::string lang = "en";
  std::string report;  // --report FILE: "" = none
  report::ReportOptions report_options;
};

// The plain-language summary after the tables (issue 16, item 13), read back
// from the stored experiment as the report reads it. The results are already
// stored and printed: a summary that cannot be read is only a warning.
void print_summary(const SimulateOptions& o, std::int64_t experiment_id) {
  report::ReportOptions options = o.report_options;
  options.lang = o.lang;
  try {
    const std::string summary = workflow::summary_text(o.request.db_path, experiment_id, options);
    if (!summary.empty()) fmt::print("\n{}\n", summary);
  } catch (const std::exception& e) {
    fmt::print(stderr, "targetcast simulate: no summary: {}\n", e.what());
  }
}

int run_simulate(SimulateOptions& o, const model::Executor& executor) {
  if (!o.report.empty()) {  // bad report options fail before anything is simulated
    try {
      report::check_report_options(o.report_options);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "targetcast simulate: {}\n", e.what());
      return kExitBadInput;
    }
  }
  const workflow::ExperimentOutcome out = run_from_terminal(o.request, executor);
  if (!executor.writes()) return 0;  // the writing process prints and writes the report
  for (const model::Problem& w : out.warnings) fmt::print(stderr, "targetcast simulate: warning: {}\n", w.to_string());
  for (std::size_t s = 0; s < out.results.size(); ++s) {
    fmt::print("{}\n", report::format_target_table(out.models[s], out.results[s], o.lang));
  }
  if (!out.comparisons.empty()) fmt::print("{}", report::format_comparison_table(out.comparisons, o.lang));
  print_summary(o, out.experiment_id);
  if (out.posterior) {
    fmt::print("\nparameters drawn from the posterior of calibration {} (prior vs posterior):\n{}",
               out.posterior->calibration_id,
               report::format_parameter_summary(calibration::summarise_posterior(*out.posterior, out.models.front())));
  }
  if (!o.report.empty()) {
    o.report_options.lang = o.lang;
    o.report_options.format = report::report_format_for_path(o.report);
    write_report_file(o.request.db_path, out.experiment_id, o.report_options, o.report);
  }
  return 0;
}

}  // namespace

Command add_simulate_command(CLI::App& cli) {
  auto o = std::make_shared<SimulateOptions>();
  auto* sim = cli.add_subcommand("simulate", "Run the Monte Carlo experiment and store it in SQLite");
  sim->add_option("--scenario", o->request.inputs.scenarios,
                  "Scenario file; repeat to run several in one experiment (the first is the reference of the "
                  "comparison)");
  add_experiment_options(sim, o->request);
  sim->add_option("--lang", o->lang, "Language of the printed table and of the report")
      ->check(CLI::IsMember({"en", "zh"}));
  sim->add_option("--report", o->report,
                  "Also write the report of this experiment: FILE.html (offline page with charts), .md or .csv");
  add_traffic_light_options(sim, o->report_options);
  return {sim, [o](const model::Executor& executor) { return run_simulate(*o, executor); }, workflow::kSimulateSpread};
}

}  // namespace targetcast::app
