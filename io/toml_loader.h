#pragma once
// Reads and validates the planner-edited TOML files (docs/seed-format.md):
// seeds/priors.toml, seeds/<plan>.toml and scenarios/<name>.toml.
//
// Every loader checks the whole file in one pass and throws model::SpecError
// with every problem found (file, line, dotted key such as "target[3].deadline",
// what was expected and what was found), so that a planner fixes them all at
// once. Cross-references between files (parameter names against the priors,
// a scenario's counter shocks against the plan's indicators) are checked later
// by model::compile.
#include <string_view>
#include <vector>

#include "io/source_file.h"
#include "model/parameters.h"
#include "model/plan.h"
#include "model/scenario.h"
#include "model/spec_error.h"

namespace targetcast::io {

// seeds/priors.toml: `format = 1` and one [prior.<name>] table per parameter.
// The result is canonical (engine parameters first, in enum order).
model::ParameterSpace load_priors(const SourceFile& file);

// seeds/<plan>.toml: region, plan, baseline, funding history, figures,
// indicators, targets and region priors.
model::PlanSpec load_plan(const SourceFile& file);

// scenarios/<name>.toml: levers, shocks, new parks and prior overrides. The
// `baseline` path is resolved relative to the scenario file (resolve_relative).
model::ScenarioSpec load_scenario(const SourceFile& file);

// A scenario as far as it could be read, with every problem of the file, for
// `validate`, which also checks what was read against the plan: elements the
// reader refused are left out or carry year 0 (model::compile skips those).
struct ScenarioDraft {
  model::ScenarioSpec spec;
  std::vector<model::Problem> problems;
  bool read = false;  // false: not a readable scenario (malformed TOML, another kind)
};
ScenarioDraft read_scenario_draft(const SourceFile& file);

enum class FileKind { priors, plan, scenario, unknown };

// What a file holds: [plan] → plan, [scenario] → scenario, only [prior.*]
// tables → priors. Unknown when it cannot be told (or the TOML is malformed).
FileKind detect_kind(const SourceFile& file);

// Every problem of a file of any of the three kinds (empty = valid), without
// throwing. The kind is detected from the tables present.
std::vector<model::Problem> validate_file(const SourceFile& file);

// What a scenario file may say, exactly as the loader reads it: the keys of
// each table ("(top level)", "scenario", ...; "title / description" = the keys of a
// bilingual text), the lever names, shock rules, prior distributions and
// provenance bases. docs/scenarios.md documents each, and
// tests/io/test_scenario_docs.cpp checks the two against each other.
struct KeySet {
  std::string_view table;
  std::vector<std::string_view> keys;
};
struct ScenarioVocabulary {
  std::vector<KeySet> tables;
  std::vector<std::string_view> lever_names;
  std::vector<std::string_view> shock_rules;
  std::vector<std::string_view> distributions;
  std::vector<std::string_view> bases;
};
ScenarioVocabulary scenario_vocabulary();

}  // namespace targetcast::io
