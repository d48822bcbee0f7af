#include "workflow/validate.h"

#include <algorithm>
#include <tuple>

#include "io/quote_check.h"
#include "io/toml_loader.h"
#include "model/compiled_model.h"
#include "workflow/experiment_inputs.h"
#include "workflow/input_warnings.h"

namespace targetcast::workflow {
namespace {

void add(std::vector<model::Problem>& to, const std::vector<model::Problem>& more) {
  for (const model::Problem& p : more) {
    // The reader and the model may both see one mistake (a park after the
    // scenario's horizon): keep the first word on each key.
    const bool seen = std::any_of(to.begin(), to.end(), [&](const model::Problem& q) {
      return std::tie(q.file, q.line, q.key) == std::tie(p.file, p.line, p.key);
    });
    if (!seen) to.push_back(p);
  }
}

struct Base {
  model::PlanSpec plan;
  model::ParameterSpace priors;
  bool ok = false;
};

// The plan file and the priors, their problems into `verdict`.
Base read_base(const io::SourceFile& plan_file, const ValidateOptions& o, FileVerdict& verdict) {
  Base base;
  const std::size_t before = verdict.problems.size();
  try {
    base.plan = io::load_plan(plan_file);
  } catch (const model::SpecError& e) {
    add(verdict.problems, e.problems());
  }
  try {
    base.priors = io::load_priors(io::read_source(o.priors.empty() ? default_priors_for(plan_file) : o.priors));
  } catch (const model::SpecError& e) {
    add(verdict.problems, e.problems());
  }
  base.ok = verdict.problems.size() == before;
  return base;
}

// Compiles `scenario` on the base; its problems or the run's warnings into `verdict`.
void compile_on(const Base& base, const model::ScenarioSpec& scenario, FileVerdict& verdict) {
  try {
    const model::CompiledModel m = model::compile(base.plan, scenario, base.priors);
    add(verdict.warnings, default_warnings(m, base.priors));
  } catch (const model::SpecError& e) {
    add(verdict.problems, e.problems());
  }
}

void validate_scenario(const io::SourceFile& file, const ValidateOptions& o, FileVerdict& verdict) {
  const io::ScenarioDraft draft = io::read_scenario_draft(file);
  add(verdict.problems, draft.problems);
  if (!draft.read) return;
  std::string plan_path = o.baseline;
  if (plan_path.empty()) {
    try {
      plan_path = plan_named_by(draft.spec, file);
    } catch (const model::SpecError& e) {
      add(verdict.problems, e.problems());
      return;
    }
  }
  if (plan_path.empty()) plan_path = kDefaultPlan;
  io::SourceFile plan_file;
  try {
    plan_file = io::read_source(plan_path);
  } catch (const model::SpecError& e) {
    const std::string why = e.problems().empty() ? std::string() : e.problems().front().message;
    if (!o.baseline.empty()) {
      add(verdict.problems, {model::Problem{"command line", 0, "--baseline", "'" + plan_path + "': " + why}});
    } else {
      add(verdict.problems,
          {model::Problem{file.path, draft.spec.baseline_line, "scenario.baseline",
                          "the plan file it names cannot be read ('" + plan_path + "': " + why +
                              "); give the plan's id (baseline = \"guangdong-ai-2025\"), a path relative to this "
                              "file, or pass --baseline"}});
    }
    return;
  }
  const Base base = read_base(plan_file, o, verdict);
  if (base.ok) compile_on(base, draft.spec, verdict);
}

void validate_plan(const io::SourceFile& file, const ValidateOptions& o, FileVerdict& verdict) {
  add(verdict.problems, io::validate_file(file));
  if (!verdict.problems.empty()) return;
  const Base base = read_base(file, o, verdict);
  if (!base.ok) return;
  model::ScenarioSpec none;
  none.source_path = file.path;
  compile_on(base, none, verdict);
  if (!io::is_shipped(file)) {
    const io::QuoteFindings quotes = io::check_quotes(base.plan, file, o.documents);
    add(verdict.problems, quotes.problems);
    add(verdict.warnings, quotes.warnings);
  }
}

}  // namespace

FileVerdict validate_input_file(const std::string& path, const ValidateOptions& o) {
  FileVerdict verdict;
  try {
    const io::SourceFile file = io::read_source(path);
    switch (io::detect_kind(file)) {
      case io::FileKind::scenario:
        validate_scenario(file, o, verdict);
        break;
      case io::FileKind::plan:
        validate_plan(file, o, verdict);
        break;
      case io::FileKind::priors:
      case io::FileKind::unknown:
        add(verdict.problems, io::validate_file(file));
        break;
    }
  } catch (const model::SpecError& e) {
    add(verdict.problems, e.problems());
  }
  // In file order, so that a planner can work from the top down.
  std::stable_sort(verdict.problems.begin(), verdict.problems.end(),
                   [&](const model::Problem& a, const model::Problem& b) {
                     return std::make_tuple(a.file != path, a.file, a.line) < std::make_tuple(b.file != path, b.file, b.line);
                   });
  return verdict;
}

}  // namespace targetcast::workflow
