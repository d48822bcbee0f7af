#include "workflow/input_warnings.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "io/document_table.h"

namespace targetcast::workflow {
namespace {

// "c0 (size of the core AI industry …)", or the bare name for a region's own parameter.
std::string named(const std::string& name) {
  const auto engine = model::find_engine_param(name);
  return engine ? name + " (" + std::string(model::param_range(*engine).meaning) + ")" : name;
}

// True when the model runs on the priors file's own prior of `name`: neither
// the plan nor the scenario replaced it.
bool unchanged(const model::CompiledModel& m, const model::ParameterSpace& defaults, const std::string& name) {
  const auto used = m.parameters.index_of(name);
  const auto given = defaults.index_of(name);
  if (!used || !given) return false;
  const model::Prior& a = m.parameters[*used];
  const model::Prior& b = defaults[*given];
  return a.origin == b.origin && a.line == b.line;
}

}  // namespace

std::vector<model::Problem> default_warnings(const model::CompiledModel& m, const model::ParameterSpace& defaults) {
  std::vector<model::Problem> out;
  const std::string& plan = m.plan.source_path;
  for (const auto& [name, scale] : defaults.default_scales()) {
    if (!unchanged(m, defaults, name)) continue;
    const model::Prior& prior = m.parameters[*m.parameters.index_of(name)];
    if (scale.placeholder) {
      const std::string where = name == "c0" ? "[baseline.core_industry] or [prior.c0]" : "[prior." + name + "]";
      out.push_back(model::Problem{plan, 0, "prior." + name,
                                   "runs on the generic placeholder " + model::describe(prior.distribution) + " of " +
                                       prior.origin + " for " + named(name) + ": give the region's own in " + where});
    }
    const double firms = m.plan.firms.value;
    if (scale.sized_for_firms > 0.0 && firms > 0.0 && std::abs(firms / scale.sized_for_firms - 1.0) > 0.25) {
      out.push_back(model::Problem{
          plan, 0, "prior." + name,
          fmt::format("runs on the default {} of {} for {}, sized for a region of about {:.0f} firms, but this region "
                      "starts with {:.0f}: set [prior.{}] in the plan (scaled to this region: ×{:.2f})",
                      model::describe(prior.distribution), prior.origin, named(name), scale.sized_for_firms, firms,
                      name, firms / scale.sized_for_firms)});
    }
  }
  // A parameter no file names shows its code in every report (issue 16, item 8).
  for (const model::Prior& prior : m.parameters.priors()) {
    if (!prior.label.zh.empty()) continue;
    out.push_back(model::Problem{prior.origin, prior.line, "prior." + prior.name + ".name",
                                 "prior " + prior.name + " has no name; reports will show its code name (add name = "
                                 "{ zh = \"…\", en = \"…\" } to its table)"});
  }
  // A document cited without its title shows its file name in every report.
  for (model::Problem& w : io::document_warnings(m.plan, defaults)) out.push_back(std::move(w));
  if (!(m.baseline_funding_yi > 0.0)) {
    out.push_back(model::Problem{plan, 0, "funding_history",
                                 "no [[funding_history]] entry with baseline = true: provincial funding is zero every "
                                 "year unless a scenario sets funding_yi (no funded projects, no co-investment)"});
  }
  return out;
}

}  // namespace targetcast::workflow
