#pragma once
// Summaries of a scenario's runs (docs/model.md §7): indicator quantiles by
// year, P(target met) with Clopper–Pearson intervals, the indicator at the
// deadline, first-passage years and the plan's joint probability.
#include <cstdint>
#include <span>
#include <vector>

#include "model/compiled_model.h"
#include "model/results.h"

namespace targetcast::model {

// Exact (Clopper–Pearson) two-sided interval for a binomial proportion with
// `successes` out of `trials`, at confidence 1 − alpha (Boost.Math beta quantiles).
struct Interval {
  double low = 0.0;
  double high = 1.0;
};
Interval clopper_pearson(std::uint64_t successes, std::uint64_t trials, double alpha = 0.05);

// Type-7 quantile of sorted data (linear interpolation, R's default).
double quantile_sorted(std::span<const double> sorted, double p);

// Mean and 5/25/50/75/95% of `values` (reordered in place).
DistributionSummary summarise_values(std::span<double> values);

// Fills indicator_summaries, target_met, targets and joint of `results` from
// its per-run values. Deterministic: depends only on the values, never on the
// order in which threads produced them.
void summarise(const CompiledModel& model, ScenarioResults& results);

}  // namespace targetcast::model
