#pragma once
// scenarios/<name>.toml (docs/scenarios.md): levers, shocks, new parks and
// prior overrides. Internal to io/: the public entry is io/toml_loader.h.
#include <array>
#include <string_view>

#include "io/source_file.h"
#include "io/toml_fields.h"
#include "model/scenario.h"

namespace targetcast::io::detail {

inline constexpr std::array<std::string_view, 7> kLeverNames = {
    "funding_multiplier",       "funding_yi", "lambda_soc", "c_proj", "entry_multiplier", "exit_multiplier",
    "park_capacity_multiplier",
};

inline constexpr std::array<std::string_view, 5> kShockRules = {"growth", "entry", "exit", "funding", "counter"};

// The keys of each table of a scenario file. The reader checks that it asks
// for exactly these (Fields::finish(declared)); scenario_vocabulary() publishes
// them for docs/scenarios.md and its test.
inline constexpr std::array<std::string_view, 6> kScenarioRootKeys = {"format", "scenario", "lever",
                                                                      "shock",  "park",     "prior"};
inline constexpr std::array<std::string_view, 5> kScenarioTableKeys = {"id", "title", "baseline", "horizon",
                                                                       "description"};
inline constexpr std::array<std::string_view, 4> kLeverKeys = {"name", "from", "to", "value"};
inline constexpr std::array<std::string_view, 5> kShockKeys = {"rule", "indicator", "from", "to", "value"};
inline constexpr std::array<std::string_view, 3> kParkKeys = {"year", "count", "capacity"};

// Reads the whole scenario, adding every problem found to `report`.
model::ScenarioSpec read_scenario_file(Report& report, const toml::table& root, const SourceFile& file);

}  // namespace targetcast::io::detail
