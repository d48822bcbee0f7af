// targetcast targets / validate: look at input files without simulating.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "io/toml_loader.h"
#include "report/target_table.h"
#include "workflow/experiment_inputs.h"

namespace targetcast::app {

Command add_targets_command(CLI::App& cli) {
  struct Options {
    std::string plan;
    std::string lang = "en";
  };
  auto o = std::make_shared<Options>();
  auto* sub = cli.add_subcommand("targets", "List a plan's targets with their sources");
  sub->add_option("--baseline", o->plan, "Plan seed file (default: embedded Guangdong plan)");
  sub->add_option("--lang", o->lang, "Language")->check(CLI::IsMember({"en", "zh"}));
  return {sub, [o](const model::Executor&) {
            fmt::print("{}", report::format_plan_targets(workflow::load_plan_file(o->plan), o->lang));
            return 0;
          }};
}

Command add_validate_command(CLI::App& cli) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* sub = cli.add_subcommand("validate", "Check seed, prior and scenario files; report every problem");
  sub->add_option("files", *files, "Files to check")->required();
  return {sub, [files](const model::Executor&) {
            int bad = 0;
            for (const std::string& path : *files) {
              std::vector<model::Problem> problems;
              try {
                const io::SourceFile file = io::read_source(path);
                problems = io::validate_file(file);
                // A valid scenario is also checked against its plan and the
                // priors (years within base year..horizon, counter shocks on
                // the plan's counters, the baseline file present).
                if (problems.empty() && io::detect_kind(file) == io::FileKind::scenario) {
                  workflow::InputOptions inputs;
                  inputs.scenarios = {path};
                  workflow::load_inputs(inputs);
                }
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
          }};
}

}  // namespace targetcast::app
