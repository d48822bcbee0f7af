#pragma once
// Paired comparison of scenarios run with common random numbers
// (docs/scenarios.md, "Comparing scenarios").
//
// Run k of every scenario of an experiment draws θ and every random number
// from the same streams (docs/model.md §1), so the outcomes of run k in two
// scenarios are a matched pair: the difference a lever makes is estimated from
// the per-run differences, whose variance is far smaller than the sum of the
// two scenarios' variances. For each target this computes P(met) in both
// scenarios, the paired difference with Newcombe's hybrid score interval for
// paired proportions, the same interval as if the runs were independent (for
// contrast), the variance reduction factor, and the mean paired difference of
// the indicator at the deadline with its Student-t interval. Pure computation.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/compiled_model.h"
#include "model/results.h"
#include "model/summary.h"

namespace targetcast::analysis {

// One target's per-run outcomes in one scenario, in run order.
struct TargetOutcomes {
  std::string target_id;
  std::string indicator_id;
  std::vector<std::uint8_t> met;  // 1 = met at the deadline
  std::vector<double> value;      // the indicator at the deadline
};

// A scenario's per-run outcomes, targets in the plan's order. Built from the
// results in memory (outcomes_of) or read back from the run_targets and
// run_trajectories tables.
struct ScenarioOutcomes {
  std::string scenario_id;
  std::vector<TargetOutcomes> targets;
};

ScenarioOutcomes outcomes_of(const model::CompiledModel& model, const model::ScenarioResults& results);

// The runs of a pair of scenarios, classified by whether each met the target.
struct PairedCounts {
  std::uint64_t both = 0;            // met in the scenario and in the reference
  std::uint64_t scenario_only = 0;   // met in the scenario only
  std::uint64_t reference_only = 0;  // met in the reference only
  std::uint64_t neither = 0;
  std::uint64_t runs() const { return both + scenario_only + reference_only + neither; }
};

struct DifferenceInterval {
  double difference = 0.0;  // scenario − reference
  double low = 0.0;
  double high = 0.0;
};

// Wilson score interval for `successes` out of `trials` at confidence 1 − alpha
// (Wilson 1927). {0, 1} when trials = 0.
model::Interval wilson(std::uint64_t successes, std::uint64_t trials, double alpha = 0.05);

// P(scenario) − P(reference) from paired runs: Newcombe's hybrid score
// interval (Newcombe 1998, Stat Med 17:2635, method 10, as in Fagerland,
// Lydersen & Laake 2014, Stat Med 33:2850): the Wilson intervals of the two
// margins combined with the estimated correlation between them.
DifferenceInterval newcombe_paired(const PairedCounts& counts, double alpha = 0.05);

// p1 − p2 from independent samples: Newcombe's hybrid score interval for
// unpaired proportions (Newcombe 1998, Stat Med 17:873, method 10), which is
// the paired one with the correlation set to zero.
DifferenceInterval newcombe_unpaired(std::uint64_t met1, std::uint64_t runs1, std::uint64_t met2, std::uint64_t runs2,
                                     double alpha = 0.05);

// Mean of the per-run differences scenario − reference, with the Student-t
// interval of a mean (n − 1 degrees of freedom); the Welch interval the same
// samples would give if they were independent; and the variance reduction
// (s²_scenario + s²_reference) / s²_difference. NaN where undefined (fewer
// than two runs, a NaN value, or no variance at all). Also the median of the
// per-run differences, which a few runaway runs cannot move.
struct MeanDifference {
  double mean = 0.0;
  double median = 0.0;
  double low = 0.0;
  double high = 0.0;
  double unpaired_low = 0.0;
  double unpaired_high = 0.0;
  double variance_reduction = 0.0;
};
MeanDifference mean_difference(std::span<const double> scenario, std::span<const double> reference,
                               double alpha = 0.05);

struct TargetComparison {
  std::string target_id;
  std::string indicator_id;
  PairedCounts counts;
  double probability = 0.0;            // P(met) in the scenario
  double reference_probability = 0.0;  // P(met) in the reference
  DifferenceInterval paired;           // Newcombe, paired runs
  DifferenceInterval unpaired;         // Newcombe, as if independent
  // Variance of the difference of two independent estimates over that of the
  // paired estimate: (p₁(1 − p₁) + p₀(1 − p₀)) / Var(met₁ − met₀ per run), how
  // many times more runs an unpaired comparison would need for the same
  // precision. +inf when no run differs, NaN when neither varies.
  double variance_reduction = 0.0;
  double indicator_mean = 0.0;            // the indicator at the deadline, scenario
  double reference_indicator_mean = 0.0;  // and reference
  MeanDifference indicator;               // paired difference of the indicator
};

struct ScenarioComparison {
  std::string scenario_id;
  std::string reference_id;
  std::uint64_t runs = 0;
  std::vector<TargetComparison> targets;  // in the plan's order
};

// `scenario` against `reference`. Both must have the same targets in the same
// order and the same number of runs (scenarios of one experiment always do);
// throws std::invalid_argument otherwise.
ScenarioComparison compare(const ScenarioOutcomes& scenario, const ScenarioOutcomes& reference, double alpha = 0.05);

// Every scenario after the first against the first (the experiment's reference).
std::vector<ScenarioComparison> compare_with_first(std::span<const ScenarioOutcomes> scenarios, double alpha = 0.05);

// The same from the results in memory of an experiment's scenarios (models
// and results in scenario order).
std::vector<ScenarioComparison> compare_with_first(std::span<const model::CompiledModel> models,
                                                   std::span<const model::ScenarioResults> results,
                                                   double alpha = 0.05);

}  // namespace targetcast::analysis
