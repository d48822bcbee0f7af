#pragma once
// The immutable description the engine runs: a plan, a scenario and the
// parameter space, cross-checked and resolved to indices and per-year arrays.
// Built once by compile(); read by every run on every thread.
#include <cstddef>
#include <string>
#include <vector>

#include "model/parameters.h"
#include "model/plan.h"
#include "model/scenario.h"

namespace targetcast::model {

inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

// An indicator with its references resolved to parameter / indicator indices.
struct CompiledIndicator {
  IndicatorSpec spec;
  std::size_t threshold_param = kNoIndex;
  std::size_t factor_param = kNoIndex;         // multiple
  std::vector<std::size_t> of;                 // multiple, sum (indicator indices, all < own index)
  std::size_t baseline_param = kNoIndex;       // counter
  std::size_t rate_param = kNoIndex;           // counter, investment_completion
  std::size_t elasticity_param = kNoIndex;     // counter (funding scale)
  std::size_t per_project_param = kNoIndex;    // counter
  std::size_t mean_growth_param = kNoIndex;    // growth_series
  std::size_t persistence_param = kNoIndex;    // growth_series
  std::size_t concentration_param = kNoIndex;  // investment_completion
};

struct CompiledTarget {
  TargetSpec spec;
  std::size_t indicator = 0;
  // The target's P(met) rests on an assumption rather than on evidence: its
  // indicator, or one it is built from, counts at a rate of its own declared
  // with basis "assumption" (no base-year figure or published series anchors
  // it; the rate's prior is ours).
  // Every output that shows this target's P(met) says so (docs/model.md §7).
  bool rests_on_assumption = false;
};

// Scenario levers resolved per simulated year. Index y = year − base_year;
// entry 0 (the base year) is unused. The step that produces year t+1 reads
// entry t+1 − base_year.
struct YearLevers {
  double funding_yi = 0.0;        // provincial funding F_t, 亿元/yr
  double lambda_soc = -1.0;       // < 0: use θ
  double c_proj = -1.0;           // < 0: use θ
  double entry_multiplier = 1.0;  // M_entry (levers × shocks)
  double exit_multiplier = 1.0;   // M_exit (levers × shocks)
  double growth_shift = 0.0;      // added to every firm's log growth (shocks)
  double park_capacity_multiplier = 1.0;
  std::vector<ParkAddition> new_parks;
  std::vector<double> counter_rate_multiplier;  // per indicator (1 where not a counter)
};

struct CompiledModel {
  PlanSpec plan;
  ScenarioSpec scenario;
  ParameterSpace parameters;                        // canonical: engine parameters first
  std::vector<std::uint32_t> parameter_stream_ids;  // name_hash of each parameter
  std::vector<CompiledIndicator> indicators;
  std::vector<CompiledTarget> targets;
  int base_year = 0;
  int horizon = 0;
  double baseline_funding_yi = 0.0;  // F_ref: the plan's baseline path, 亿元/yr
  std::vector<YearLevers> years;     // base_year .. horizon

  std::size_t year_count() const { return years.size(); }
  std::size_t indicator_index(std::string_view id) const;  // kNoIndex if absent
};

// Resolves and cross-checks. Throws SpecError (file, line, key) when a target
// names an unknown indicator, a deadline lies outside base_year..horizon, an
// indicator names an unknown parameter, a prior's support leaves the
// parameter's valid range, a lever year lies outside the horizon, and so on.
// `horizon_override` > 0 replaces the plan's and scenario's horizon.
CompiledModel compile(const PlanSpec& plan, const ScenarioSpec& scenario, const ParameterSpace& defaults,
                      int horizon_override = 0);

}  // namespace targetcast::model
