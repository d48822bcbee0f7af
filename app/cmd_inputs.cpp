// targetcast targets / validate: look at input files without simulating.
#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "app/commands.h"
#include "io/toml_loader.h"
#include "report/target_table.h"
#include "workflow/experiment_inputs.h"
#include "workflow/validate.h"

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
  struct Options {
    std::vector<std::string> files;
    workflow::ValidateOptions validate;
  };
  auto o = std::make_shared<Options>();
  auto* sub = cli.add_subcommand("validate", "Check seed, prior and scenario files; report every problem");
  sub->add_option("files", o->files, "Files to check")->required();
  sub->add_option("--baseline", o->validate.baseline,
                  "Plan file the scenarios are checked against, as for simulate (default: the plan each names)");
  sub->add_option("--priors", o->validate.priors, "Prior file (default: as for simulate)");
  sub->add_option("--documents", o->validate.documents,
                  "Folder holding the source documents a plan quotes (besides the plan's own folder); repeatable");
  return {sub, [o](const model::Executor&) {
            // Where the shipped plans' documents live (shared/seeds in a checkout; the test suite reads it too).
            if (const char* shipped_documents = std::getenv("TARGETCAST_SEED_DOCS")) {
              o->validate.documents.emplace_back(shipped_documents);
            }
            int bad = 0;
            for (const std::string& path : o->files) {
              const workflow::FileVerdict verdict = workflow::validate_input_file(path, o->validate);
              for (const auto& w : verdict.warnings) fmt::print(stderr, "warning: {}\n", w.to_string());
              if (verdict.problems.empty()) {
                fmt::print("{}: ok\n", path);
              } else {
                ++bad;
                for (const auto& p : verdict.problems) fmt::print(stderr, "{}\n", p.to_string());
              }
            }
            return bad == 0 ? 0 : kExitBadInput;
          }};
}

}  // namespace targetcast::app
