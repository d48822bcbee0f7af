// Loading and validation of seed, prior and scenario files (docs/seed-format.md):
// parse the TOML, tell its kind, hand it to the reader of that kind and throw
// every problem at once. The readers live in io/priors_file.cpp,
// io/plan_file.cpp and io/scenario_file.cpp, on the generic table reader of
// io/toml_fields.h. toml++ stays inside io/ (no public header includes it): it
// is slow to compile.
#include "io/toml_loader.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "io/plan_file.h"
#include "io/priors_file.h"
#include "io/scenario_file.h"
#include "io/toml_fields.h"

namespace targetcast::io {

namespace {

using detail::Report;

std::optional<toml::table> parse(const SourceFile& file, Report& report) {
  try {
    return toml::parse(file.content, std::string_view(file.path));
  } catch (const toml::parse_error& e) {
    report.add(
        static_cast<int>(e.source().begin.line), "",
        "malformed TOML at column " + std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
    return std::nullopt;
  }
}

// [plan] or [scenario] decide; failing those, the tables only one kind has (a
// plan whose [plan] header was mistyped is still reported as a plan).
FileKind kind_of(const toml::table& root) {
  if (root.contains("plan")) return FileKind::plan;
  if (root.contains("scenario")) return FileKind::scenario;
  auto any_of = [&](std::initializer_list<std::string_view> keys) {
    return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) { return root.contains(k); });
  };
  if (any_of({"region", "baseline", "funding_history", "figure", "indicator", "target"})) {
    return FileKind::plan;
  }
  if (any_of({"lever", "shock", "park"})) return FileKind::scenario;
  if (root.contains("prior")) return FileKind::priors;
  return FileKind::unknown;
}

std::string_view describe(FileKind kind) {
  switch (kind) {
    case FileKind::priors:
      return "a priors file (only [prior.<name>] tables)";
    case FileKind::plan:
      return "a plan file ([plan])";
    case FileKind::scenario:
      return "a scenario file ([scenario])";
    case FileKind::unknown:
      break;
  }
  return "a file of unknown kind";
}

// False (with a problem) when the file is plainly of another kind.
bool expect_kind(const toml::table& root, FileKind expected, Report& report) {
  const FileKind found = kind_of(root);
  if (root.contains("plan") && root.contains("scenario")) {
    report.add(1, "", "a file holds either a [plan] or a [scenario] table, not both");
    return false;
  }
  if (found == expected || found == FileKind::unknown) return true;
  report.add(1, "", "expected " + std::string(describe(expected)) + ", but this is " + std::string(describe(found)));
  return false;
}

void throw_if_any(Report& report) {
  if (!report.ok()) throw model::SpecError(report.take());
}

}  // namespace

ScenarioVocabulary scenario_vocabulary() {
  const auto list = [](auto&& keys) { return std::vector<std::string_view>(keys.begin(), keys.end()); };
  ScenarioVocabulary v;
  v.tables = {{"(top level)", list(detail::kScenarioRootKeys)},
              {"scenario", list(detail::kScenarioTableKeys)},
              {"lever", list(detail::kLeverKeys)},
              {"shock", list(detail::kShockKeys)},
              {"park", list(detail::kParkKeys)},
              {"prior.<name>", detail::prior_keys()},
              {"title / description", list(detail::kTextKeys)}};
  v.lever_names = list(detail::kLeverNames);
  v.shock_rules = list(detail::kShockRules);
  v.distributions = list(detail::kDistNames);
  v.bases = list(detail::kBasisNames);
  return v;
}

model::ParameterSpace load_priors(const SourceFile& file) {
  Report report(file.path);
  model::ParameterSpace space;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::priors, report)) space = detail::read_priors_file(report, *root);
  }
  throw_if_any(report);
  return space;
}

model::PlanSpec load_plan(const SourceFile& file) {
  Report report(file.path);
  model::PlanSpec plan;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::plan, report)) plan = detail::read_plan_file(report, *root, file);
  }
  throw_if_any(report);
  return plan;
}

model::ScenarioSpec load_scenario(const SourceFile& file) {
  Report report(file.path);
  model::ScenarioSpec spec;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::scenario, report)) {
      spec = detail::read_scenario_file(report, *root, file);
    }
  }
  throw_if_any(report);
  return spec;
}

ScenarioDraft read_scenario_draft(const SourceFile& file) {
  Report report(file.path);
  ScenarioDraft draft;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::scenario, report)) {
      draft.spec = detail::read_scenario_file(report, *root, file);
      draft.read = true;
    }
  }
  draft.problems = report.take();
  return draft;
}

FileKind detect_kind(const SourceFile& file) {
  Report ignored(file.path);
  const auto root = parse(file, ignored);
  return root ? kind_of(*root) : FileKind::unknown;
}

std::vector<model::Problem> validate_file(const SourceFile& file) {
  Report report(file.path);
  const auto root = parse(file, report);
  if (!root) return report.take();
  if (root->contains("plan") && root->contains("scenario")) {
    report.add(1, "", "a file holds either a [plan] or a [scenario] table, not both");
    return report.take();
  }
  switch (kind_of(*root)) {
    case FileKind::plan:
      detail::read_plan_file(report, *root, file);
      break;
    case FileKind::scenario:
      detail::read_scenario_file(report, *root, file);
      break;
    case FileKind::priors:
      detail::read_priors_file(report, *root);
      break;
    case FileKind::unknown:
      report.add(1, "",
                 "cannot tell what kind of file this is: expected a [plan] table (a region's "
                 "plan), a [scenario] table (a scenario) or only [prior.<name>] tables (the "
                 "priors file)");
      break;
  }
  return report.take();
}

}  // namespace targetcast::io
