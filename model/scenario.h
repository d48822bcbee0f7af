#pragma once
// A what-if scenario as read from scenarios/<name>.toml (docs/seed-format.md):
// levers, shocks, new parks and prior overrides on top of a plan.
#include <optional>
#include <string>
#include <vector>

#include "model/parameters.h"
#include "model/provenance.h"

namespace targetcast::model {

enum class LeverKind {
  funding_multiplier,        // × baseline provincial funding
  funding_yi,                // provincial funding, 亿元/yr (replaces the path)
  lambda_soc,                // social co-investment ratio (replaces θ)
  c_proj,                    // provincial money per project (replaces θ)
  entry_multiplier,          // × entry rate
  exit_multiplier,           // × exit hazard
  park_capacity_multiplier,  // × capacity of every park
};

std::string_view to_string(LeverKind kind);
std::optional<LeverKind> find_lever(std::string_view name);

// `position` (last, so that brace initialisers keep their order): the
// element's place among its kind in the file (lever[2] = 2), for the keys of
// messages; 0 = its place in the list.
struct Lever {
  int line = 0;
  LeverKind kind = LeverKind::funding_multiplier;
  int from = 0;
  int to = 0;  // inclusive; 0 = horizon
  double value = 0.0;
  int position = 0;
};

enum class ShockRule { growth, entry, exit, funding, counter };

std::string_view to_string(ShockRule rule);
std::optional<ShockRule> find_shock_rule(std::string_view name);

struct Shock {
  int line = 0;
  ShockRule rule = ShockRule::growth;
  std::string indicator;  // rule = counter
  int from = 0;
  int to = 0;  // inclusive; 0 = same as from
  double value = 0.0;  // relative change: −0.10 = −10%
  int position = 0;
};

struct ParkAddition {
  int line = 0;
  int year = 0;
  int count = 1;
  double capacity = 0.0;  // firms per park; 0 = draw from prior park_capacity
  int position = 0;
};

struct ScenarioSpec {
  std::string source_path;
  std::string id = "baseline";
  Text title{"基准情景", "Baseline"};
  Text description;
  std::string baseline_plan;  // the plan named by its id (baseline = "guangdong-ai-2025"), may be empty
  std::string baseline_path;  // plan file named by the scenario (resolved path), may be empty
  int baseline_line = 0;      // line of `baseline` in the scenario file (0 = not given)
  int horizon = 0;            // 0 = the plan's horizon
  int horizon_line = 0;       // line of `horizon` in the scenario file (0 = not given)
  std::vector<Lever> levers;
  std::vector<Shock> shocks;
  std::vector<ParkAddition> parks;
  std::vector<Prior> priors;  // overrides
};

}  // namespace targetcast::model
