#pragma once
// The target table printed by `targetcast simulate` and `targetcast targets`:
// plain text for a terminal, aligned for CJK and Latin text alike.
#include <string>
#include <string_view>

#include "model/compiled_model.h"
#include "model/plan.h"
#include "model/results.h"

namespace targetcast::report {

// P(met) per target with its 95% interval, the indicator at the deadline
// (median and 5–95%), the median first year reached, and the joint row.
std::string format_target_table(const model::CompiledModel& model, const model::ScenarioResults& results,
                                std::string_view lang = "en");

// The plan's targets with their sources (no simulation).
std::string format_plan_targets(const model::PlanSpec& plan, std::string_view lang = "en");

}  // namespace targetcast::report
