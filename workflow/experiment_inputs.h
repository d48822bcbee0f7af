#pragma once
// Which files an experiment reads, and their loading into compiled models.
//
// The plan is --baseline if given, else the plan the scenario files name (by
// id or by path, see plan_named_by), else the embedded Guangdong plan. The priors are --priors if given, else
// priors.toml in the plan's folder when the plan is a file on disk and that
// file exists, else the embedded seeds/priors.toml. With no scenario file the
// embedded default plan runs the embedded scenarios/baseline.toml and any
// other plan an empty scenario ("baseline": no levers).
#include <string>
#include <vector>

#include "io/source_file.h"
#include "model/compiled_model.h"
#include "model/spec_error.h"
#include "store/store.h"

namespace targetcast::workflow {

inline constexpr const char* kDefaultPlan = "embedded:seeds/guangdong-ai-2025.toml";
inline constexpr const char* kDefaultPriors = "embedded:seeds/priors.toml";
inline constexpr const char* kDefaultScenario = "embedded:scenarios/baseline.toml";

struct InputOptions {
  std::string baseline;                // plan file; empty = see above
  std::vector<std::string> scenarios;  // scenario files, in order; empty = see above
  std::string priors;                  // prior file; empty = see above
  int horizon = 0;                     // > 0 replaces the plan's and scenarios' horizon
  // Run the plan's own baseline (as with no scenario file) first, before the
  // scenario files: the workbench stores a what-if beside the baseline it was
  // compared with, whatever the plan.
  bool plan_baseline_first = false;
};

struct LoadedInputs {
  std::vector<model::CompiledModel> models;   // one per scenario, in order
  std::vector<store::InputFileRecord> files;  // priors, plan, scenarios (for the experiments table)
  model::PlanSpec plan;                       // as read, to compile further scenarios against it
  model::ParameterSpace priors;
  // Defaults the region runs on unawares (workflow/input_warnings.h), one line each.
  std::vector<model::Problem> warnings;
};

// The plan file a scenario names: its `baseline` path, or the file of the
// plan whose id it gives (io::find_plan); empty when it names none. Throws
// model::SpecError, at scenario.baseline, when no plan has that id.
std::string plan_named_by(const model::ScenarioSpec& scenario, const io::SourceFile& file);

// The priors file for a plan when --priors is not given: priors.toml beside
// the plan file, else the embedded one.
std::string default_priors_for(const io::SourceFile& plan);

// Reads, validates and compiles everything; throws model::SpecError listing
// every problem found (file, line, key) before anything is simulated.
LoadedInputs load_inputs(const InputOptions& options);

// Loads only the plan (for `targetcast targets`).
model::PlanSpec load_plan_file(const std::string& path);

}  // namespace targetcast::workflow
