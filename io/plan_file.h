#pragma once
// seeds/<plan>.toml (docs/seed-format.md): region, plan, baseline, funding
// history, figures, indicators, targets and region priors. Internal to io/:
// the public entry is io/toml_loader.h.
#include "io/source_file.h"
#include "io/toml_fields.h"
#include "model/plan.h"

namespace targetcast::io::detail {

// Reads the whole plan, adding every problem found to `report`.
model::PlanSpec read_plan_file(Report& report, const toml::table& root, const SourceFile& file);

}  // namespace targetcast::io::detail
