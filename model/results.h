#pragma once
// What a Monte Carlo experiment produces for one scenario (docs/model.md §7):
// every run's parameter draw and indicator trajectory, and the summaries the
// reports and the SQLite store read. Plain data, no I/O.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace targetcast::model {

// Quantiles are type 7 (linear interpolation between order statistics, the
// default of R and numpy).
struct DistributionSummary {
  double mean = 0.0;
  double p05 = 0.0, p25 = 0.0, p50 = 0.0, p75 = 0.0, p95 = 0.0;
};

struct IndicatorSummary {
  std::size_t indicator = 0;  // index into the compiled model's indicators
  int year = 0;
  DistributionSummary value;
};

// First year a target's threshold is reached (docs/model.md §7).
struct FirstPassage {
  std::vector<int> years;                 // base_year .. horizon
  std::vector<std::uint64_t> runs;        // runs that first reach it in that year
  std::uint64_t never = 0;                // runs that do not reach it by the horizon
};

struct TargetResult {
  std::size_t target = 0;   // index into the compiled model's targets
  std::uint64_t runs = 0;
  std::uint64_t met = 0;    // runs meeting it at the deadline
  double probability = 0.0;
  double ci_low = 0.0;      // Clopper–Pearson 95%
  double ci_high = 0.0;
  DistributionSummary at_deadline;  // the indicator's value at the deadline
  FirstPassage first_passage;
};

struct JointResult {
  std::uint64_t runs = 0;
  std::uint64_t met = 0;  // runs meeting every target of the plan at its deadline
  double probability = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
};

// Results of one scenario. Run-major arrays so that run k's data is contiguous
// and runs can be written by any thread into their own slot.
struct ScenarioResults {
  std::string scenario_id;
  std::size_t runs = 0;
  std::size_t years = 0;       // base_year .. horizon inclusive
  std::size_t indicators = 0;
  std::size_t parameters = 0;
  int base_year = 0;

  // Per run. With MonteCarloOptions::record_runs = false, theta and values
  // stay empty (summary-only experiments) and deadline_values holds what the
  // paired comparisons need.
  std::vector<double> theta;   // runs × parameters
  std::vector<double> values;  // runs × years × indicators
  std::vector<std::uint8_t> target_met;  // runs × targets (1 = met at deadline)
  std::vector<double> deadline_values;   // runs × targets: the target's indicator at its deadline (summary-only)

  std::vector<IndicatorSummary> indicator_summaries;  // indicator-major, then year
  std::vector<TargetResult> targets;
  JointResult joint;

  double value(std::size_t run, std::size_t year_index, std::size_t indicator) const {
    return values[(run * years + year_index) * indicators + indicator];
  }
  double parameter(std::size_t run, std::size_t p) const { return theta[run * parameters + p]; }
  bool recorded_runs() const { return !values.empty() || runs == 0; }
};

}  // namespace targetcast::model
