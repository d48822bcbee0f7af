#include "workflow/experiment_inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "io/plan_catalog.h"
#include "io/sha256.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"
#include "workflow/input_warnings.h"

namespace targetcast::workflow {
namespace {

store::InputFileRecord record(const std::string& role, const io::SourceFile& file) {
  return store::InputFileRecord{role, file.path, file.content, io::sha256_hex(file.content)};
}


// The plan file; when a scenario named it and it cannot be read, the problem
// points at the scenario's `baseline` line, where the planner must fix it.
io::SourceFile read_plan_named(const std::string& path, const std::vector<model::ScenarioSpec>& scenarios) {
  try {
    return io::read_source(path);
  } catch (const model::SpecError& e) {
    const auto named = std::find_if(scenarios.begin(), scenarios.end(),
                                    [&](const model::ScenarioSpec& s) { return s.baseline_path == path; });
    if (named == scenarios.end()) throw;
    std::string why = e.problems().empty() ? std::string() : e.problems().front().message;
    if (why.starts_with("cannot read file: ")) why.erase(0, std::string_view("cannot read file: ").size());
    throw model::SpecError(model::Problem{named->source_path, named->baseline_line, "scenario.baseline",
                                          "the plan file it names cannot be read ('" + path + "': " + why +
                                              "); the path is relative to this scenario file: fix it, name the "
                                              "plan by its id (baseline = \"guangdong-ai-2025\"), or pass "
                                              "--baseline"});
  }
}

// The scenario files in order (their sources into `files`), every problem of
// every file at once. With `find_plans` (no --baseline), a plan named by id
// is looked up (plan_named_by).
std::vector<model::ScenarioSpec> read_scenarios(const std::vector<std::string>& paths,
                                                std::vector<io::SourceFile>& files, bool find_plans) {
  std::vector<model::ScenarioSpec> scenarios;
  std::vector<model::Problem> problems;
  for (const std::string& path : paths) {
    try {
      files.push_back(io::read_source(path));
      scenarios.push_back(io::load_scenario(files.back()));
      if (find_plans) scenarios.back().baseline_path = plan_named_by(scenarios.back(), files.back());
    } catch (const model::SpecError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw model::SpecError(problems);
  return scenarios;
}

// --baseline, else the one plan the scenarios name, else the embedded plan.
std::string choose_plan(const InputOptions& options, const std::vector<model::ScenarioSpec>& scenarios) {
  if (!options.baseline.empty()) return options.baseline;
  std::set<std::string> named;
  for (const auto& s : scenarios) {
    if (!s.baseline_path.empty()) named.insert(s.baseline_path);
  }
  if (named.size() > 1) {
    // A plan file that cannot be read is the likelier mistake: name it first.
    std::set<std::string> contents;
    for (const std::string& path : named) contents.insert(read_plan_named(path, scenarios).content);
    // One plan found in two places (a scenario in scenarios/ finds seeds/ on
    // disk by id, a copy elsewhere the built-in one): the same bytes are the
    // same plan, read from where the first scenario found it.
    if (contents.size() == 1) {
      for (const auto& s : scenarios) {
        if (!s.baseline_path.empty()) return s.baseline_path;
      }
    }
    throw model::SpecError(
        model::Problem{scenarios.front().source_path, 0, "scenario.baseline",
                       "the scenario files name different plans (" + *named.begin() + ", " + *named.rbegin() +
                           "); an experiment compares scenarios of one plan: pass --baseline to choose it"});
  }
  return named.empty() ? std::string(kDefaultPlan) : *named.begin();
}

// One compiled model per scenario, ids distinct and one horizon for all.
std::vector<model::CompiledModel> compile_scenarios(const model::PlanSpec& plan,
                                                    const std::vector<model::ScenarioSpec>& scenarios,
                                                    const model::ParameterSpace& priors, int horizon) {
  std::vector<model::CompiledModel> models;
  std::vector<model::Problem> problems;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (!ids.insert(scenarios[i].id).second) {
      problems.push_back(
          model::Problem{scenarios[i].source_path, 0, "scenario.id",
                         "two scenarios of the experiment have the id '" + scenarios[i].id + "'; ids must differ"});
      continue;
    }
    try {
      models.push_back(model::compile(plan, scenarios[i], priors, horizon));
    } catch (const model::SpecError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw model::SpecError(problems);
  for (std::size_t i = 1; i < models.size(); ++i) {
    if (models[i].horizon != models[0].horizon) {
      throw model::SpecError(model::Problem{scenarios[i].source_path, 0, "scenario.horizon",
                                            "all scenarios of an experiment must share one horizon (" +
                                                std::to_string(models[0].horizon) + " vs " +
                                                std::to_string(models[i].horizon) + "); use --horizon"});
    }
  }
  return models;
}

}  // namespace

std::string default_priors_for(const io::SourceFile& plan) {
  if (!plan.embedded) {
    const std::filesystem::path sibling = std::filesystem::path(plan.path).parent_path() / "priors.toml";
    std::error_code ec;
    if (std::filesystem::is_regular_file(sibling, ec)) return sibling.string();
  }
  return kDefaultPriors;
}

std::string plan_named_by(const model::ScenarioSpec& scenario, const io::SourceFile& file) {
  if (scenario.baseline_plan.empty()) return scenario.baseline_path;
  const io::PlanSearch found = io::find_plan(scenario.baseline_plan, file);
  if (found.path) return *found.path;
  std::vector<std::string_view> known(found.known.begin(), found.known.end());
  std::string list;
  for (const std::string& id : found.known) list += (list.empty() ? "" : ", ") + id;
  throw model::SpecError(model::Problem{
      scenario.source_path, scenario.baseline_line, "scenario.baseline",
      "no plan has the id '" + scenario.baseline_plan + "' (looked beside this file, in seeds/ and among the built-in "
          "plans: " + (list.empty() ? std::string("none") : list) + ")" + model::did_you_mean(scenario.baseline_plan, known) +
          "; give a plan id, or the path of a plan file relative to this file, or pass --baseline"});
}

model::PlanSpec load_plan_file(const std::string& path) {
  return io::load_plan(io::read_source(path.empty() ? std::string(kDefaultPlan) : path));
}

LoadedInputs load_inputs(const InputOptions& options) {
  // Scenarios first: they may name the plan.
  std::vector<io::SourceFile> scenario_files;
  std::vector<model::ScenarioSpec> scenarios =
      read_scenarios(options.scenarios, scenario_files, options.baseline.empty());
  // With --baseline a missing plan is the option's problem, not a scenario's.
  const std::vector<model::ScenarioSpec> none;
  const io::SourceFile plan_file =
      read_plan_named(choose_plan(options, scenarios), options.baseline.empty() ? scenarios : none);
  const io::SourceFile priors_file =
      io::read_source(options.priors.empty() ? default_priors_for(plan_file) : options.priors);

  // Parse both before throwing, so that a planner sees every problem at once.
  std::vector<model::Problem> problems;
  model::PlanSpec plan;
  model::ParameterSpace priors;
  try {
    plan = io::load_plan(plan_file);
  } catch (const model::SpecError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
  try {
    priors = io::load_priors(priors_file);
  } catch (const model::SpecError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
  if (!problems.empty()) throw model::SpecError(problems);

  if (scenarios.empty() || options.plan_baseline_first) {
    if (plan_file.path == kDefaultPlan) {
      scenario_files.insert(scenario_files.begin(), io::read_source(kDefaultScenario));
      scenarios.insert(scenarios.begin(), io::load_scenario(scenario_files.front()));
    } else {
      model::ScenarioSpec empty;
      empty.source_path = plan_file.path;
      scenarios.insert(scenarios.begin(), empty);
    }
  }

  LoadedInputs out;
  out.models = compile_scenarios(plan, scenarios, priors, options.horizon);
  // The plan's defaults are the same under every scenario unless one replaces
  // a prior: one line per distinct warning.
  for (const model::CompiledModel& m : out.models) {
    for (model::Problem& w : default_warnings(m, priors)) {
      const bool seen = std::any_of(out.warnings.begin(), out.warnings.end(), [&](const model::Problem& p) {
        return p.key == w.key && p.message == w.message;
      });
      if (!seen) out.warnings.push_back(std::move(w));
    }
  }
  out.files.push_back(record("priors", priors_file));
  out.files.push_back(record("plan", plan_file));
  for (const io::SourceFile& f : scenario_files) out.files.push_back(record("scenario", f));
  out.plan = std::move(plan);
  out.priors = std::move(priors);
  return out;
}

}  // namespace targetcast::workflow
