#include "workflow/analysis_inputs.h"

#include <omp.h>

#include <charconv>

#include "model/spec_error.h"

namespace targetcast::workflow {
namespace {

bool to_number(const std::string& s, double& x) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

AnalysedModel load_analysis_model(const AnalysisInputs& o) {
  InputOptions inputs = o.inputs;
  if (!o.scenario.empty()) inputs.scenarios = {o.scenario};
  LoadedInputs loaded = load_inputs(inputs);
  return AnalysedModel{std::move(loaded.models.front()), std::move(loaded.files)};
}

std::size_t find_target(const model::CompiledModel& model, const std::string& id) {
  std::vector<model::TargetName> names;
  for (const model::CompiledTarget& t : model.targets) names.push_back({t.spec.id, t.spec.indicator});
  const model::TargetLookup found = model::lookup_target(names, id);
  if (!found.problem.empty()) bad_option("--target", found.problem);
  return found.index;
}

void require_valid(const model::CompiledModel& model, const analysis::LeverRange& range, const std::string& option) {
  const std::vector<std::string> problems = analysis::check(range, model);
  if (!problems.empty()) bad_option(option, problems.front());
}

analysis::LeverRange parse_lever(const model::CompiledModel& model, const std::string& text, int default_year) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t colon = text.find(':');; colon = text.find(':', start)) {
    parts.push_back(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  const auto lever = parts.empty() ? std::nullopt : analysis::find_policy_lever(parts[0]);
  analysis::LeverRange r;
  double year = default_year;
  if (!lever || (parts.size() != 3 && parts.size() != 4) || !to_number(parts[1], r.low) ||
      !to_number(parts[2], r.high) || (parts.size() == 4 && !to_number(parts[3], year))) {
    bad_option("--lever",
               "'" + text + "': expected NAME:LO:HI or NAME:LO:HI:YEAR with NAME funding_multiplier or new_parks");
  }
  r.lever = *lever;
  r.from_year = static_cast<int>(year);
  require_valid(model, r, "--lever");
  return r;
}

void bad_option(const std::string& option, const std::string& message) {
  throw model::SpecError(model::Problem{"command line", 0, option, message});
}

int resolved_threads(int threads) {
  return threads > 0 ? threads : omp_get_max_threads();
}

}  // namespace targetcast::workflow
