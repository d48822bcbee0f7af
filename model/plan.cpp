#include "model/plan.h"

#include "model/spec_error.h"

namespace targetcast::model {

double PlanSpec::baseline_funding_yi_per_year() const {
  // docs/seed-format.md: Σ provincial_yi / Σ years over the entries with
  // baseline = true, years = last − first + 1 (Guangdong: 5.4亿 / 3 = 1.8亿/yr).
  double total_yi = 0.0;
  int years = 0;
  for (const FundingHistory& f : funding_history) {
    if (!f.baseline) continue;
    total_yi += f.provincial_yi;
    years += f.last_year - f.first_year + 1;
  }
  return years > 0 ? total_yi / static_cast<double>(years) : 0.0;
}

const IndicatorSpec* PlanSpec::find_indicator(std::string_view indicator_id) const {
  for (const IndicatorSpec& i : indicators) {
    if (i.id == indicator_id) return &i;
  }
  return nullptr;
}

const TargetSpec* PlanSpec::find_target(std::string_view target_id) const {
  for (const TargetSpec& t : targets) {
    if (t.id == target_id) return &t;
  }
  return nullptr;
}

TargetLookup lookup_target(std::span<const TargetName> targets, std::string_view name) {
  TargetLookup out;
  std::size_t matches = 0, by_indicator = out.index;
  std::string known;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (targets[t].id == name) {
      out.index = t;
      return out;
    }
    if (targets[t].indicator == name) by_indicator = t, ++matches;
    known += (known.empty() ? "" : ", ") + targets[t].id;
  }
  if (matches == 1) {
    out.index = by_indicator;
  } else if (matches > 1) {
    out.problem = "several targets are on the indicator '" + std::string(name) + "'; name one of them by id: " + known;
  } else {
    std::vector<std::string_view> names;
    for (const TargetName& t : targets) names.insert(names.end(), {t.id, t.indicator});
    out.problem = "the plan has no target or target indicator '" + std::string(name) + "'" +
                  did_you_mean(name, names) + "; its targets: " + known;
  }
  return out;
}

}  // namespace targetcast::model
