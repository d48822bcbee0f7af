#pragma once
// What the sensitivity and solve use cases share: the model they analyse
// (plan, one scenario, priors, horizon) with its input files, seed, threads and
// database; finding a target by its id (or by its indicator when one target
// has it); lever ranges.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/policy_lever.h"
#include "model/compiled_model.h"
#include "store/store.h"
#include "workflow/experiment_inputs.h"

namespace targetcast::workflow {

struct AnalysisInputs {
  InputOptions inputs;
  std::string scenario;  // one scenario file; empty = the plan's baseline
  std::uint64_t master_seed = 1;
  int threads = 0;
  std::string db_path = "results.sqlite";
};

struct AnalysedModel {
  model::CompiledModel model;                 // the plan with the scenario
  std::vector<store::InputFileRecord> files;  // priors, plan, scenario (with SHA-256)
};

// The compiled model of the plan with the scenario (SpecError on bad input).
AnalysedModel load_analysis_model(const AnalysisInputs& options);

// The target with this id, else the only target on the indicator with this
// id; SpecError naming the plan's targets otherwise.
std::size_t find_target(const model::CompiledModel& model, const std::string& id);

// "NAME:LO:HI[:YEAR]" (e.g. "funding_multiplier:0.5:2:2023", "new_parks:0:10"),
// checked against the model; SpecError naming the option otherwise.
analysis::LeverRange parse_lever(const model::CompiledModel& model, const std::string& text, int default_year);

// A lever range checked against the model (SpecError naming `option`).
void require_valid(const model::CompiledModel& model, const analysis::LeverRange& range, const std::string& option);

// Throws model::SpecError for a bad command-line option (exit code 2).
[[noreturn]] void bad_option(const std::string& option, const std::string& message);

// Threads an OpenMP run will use (0 = all).
int resolved_threads(int threads);

}  // namespace targetcast::workflow
