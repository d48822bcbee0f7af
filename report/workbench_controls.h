#pragma once
// The workbench page's controls (`targetcast serve`, issue 15): one for every
// lever of the scenario format (docs/scenarios.md) — the multipliers, the
// money levers that replace a prior from a year, new parks, a shock to a rule —
// and for the main parameters' priors (move a prior's centre, keep its
// spread). The markup is built here; the page script turns the controls'
// values into a scenario file (report/workbench_page.js), so every setting
// the page sends is checked like a file on disk.
#include <string>
#include <string_view>

#include "model/compiled_model.h"

namespace targetcast::report {

// The controls' HTML in `lang` ("zh" or "en").
std::string workbench_controls_html(const model::CompiledModel& baseline, std::string_view lang);

// What the page script needs to write the scenario file, as the members of a
// JSON object (without braces): "levers", "values", "parks", "shock", "priors".
std::string workbench_controls_json(const model::CompiledModel& baseline);

}  // namespace targetcast::report
