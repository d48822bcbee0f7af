#pragma once
// What a scenario changes against its plan, generated from its levers, shocks,
// new parks and prior overrides with every name a planner reads (issue 16,
// item 9): "provincial funding ×1.5 from 2023; +4 parks in 2023". A scenario's
// free-text description can fall out of date when a lever is added; this list
// cannot.
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.h"
#include "store/report_data.h"

namespace targetcast::report {

// One phrase per change, in the order of the file; empty for none.
std::vector<std::string> scenario_changes(const model::ScenarioSpec& spec, const store::ReportData& data,
                                          std::string_view lang);

// The phrases joined ("; " / ";"), "nothing: …" when there are none, "" when
// the scenario's file was not stored (the built-in baseline).
std::string scenario_changes_text(const store::ReportScenario& scenario, const store::ReportData& data,
                                  std::string_view lang);

}  // namespace targetcast::report
