#pragma once
// Summaries of a scenario built run by run, in memory that does not grow with
// the number of runs (MonteCarloOptions::record_runs = false): a ValueSketch
// per indicator and year, target and joint counts, first-passage counts.
// Only the target outcomes are kept per run (met, and the indicator at the
// deadline), because the paired scenario comparisons need them.
//
// Each thread (or MPI process) fills its own accumulator; merging them gives
// the same result in any grouping (model/value_sketch.h), so the summaries
// are bit-identical for any thread or process count.
#include <cstdint>
#include <span>
#include <vector>

#include "model/compiled_model.h"
#include "model/results.h"
#include "model/value_sketch.h"

namespace targetcast::model {

class ScenarioAccumulator {
 public:
  ScenarioAccumulator(const CompiledModel& model, std::size_t years);

  // One run's trajectory (years × indicators). Writes the run's target
  // outcomes into `results` at `slot` (target_met, deadline_values).
  void add_run(std::span<const double> trajectory, std::size_t slot, ScenarioResults& results);
  void merge(const ScenarioAccumulator& other);
  // Fills indicator_summaries, targets and joint (target_met and
  // deadline_values were written by add_run).
  void finish(ScenarioResults& results) const;

  // Serialised form, for gathering accumulators from MPI processes.
  std::vector<std::uint8_t> serialise() const;
  void merge_serialised(std::span<const std::uint8_t> bytes);

 private:
  const CompiledModel* model_;
  std::size_t years_;
  std::vector<ValueSketch> sketches_;            // indicator-major, then year
  std::vector<std::uint64_t> met_;               // per target
  std::vector<std::uint64_t> first_;             // targets × years
  std::vector<std::uint64_t> never_;             // per target
  std::uint64_t joint_met_ = 0;
  std::uint64_t runs_ = 0;
};

}  // namespace targetcast::model
