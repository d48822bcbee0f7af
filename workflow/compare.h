#pragma once
// Paired comparison of scenarios with common random numbers (docs/scenarios.md):
// of a stored experiment (its comparisons recomputed from the per-run rows
// and stored), or of scenario files run now as one experiment (the simulate
// use case, workflow/simulate.h, whose rows carry the comparisons).
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "model/executor.h"
#include "workflow/contract.h"
#include "workflow/simulate.h"

namespace targetcast::workflow {

// Comparing a stored experiment reads one file; running scenarios could be
// spread, but compare is kept to one process like every reading command.
inline constexpr Spread kCompareSpread = Spread::one_process;

// The stored experiment's comparisons, replaced in table comparisons.
std::vector<analysis::ScenarioComparison> compare_stored(const std::string& db_path, std::int64_t experiment_id);

// The scenarios of `request` (two or more, the reference first, else
// SpecError) run as one experiment under the contract.
ExperimentOutcome compare_scenarios(const ExperimentRequest& request, const model::Executor& executor,
                                    const model::ProgressFn& progress = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
