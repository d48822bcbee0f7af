#pragma once
// `targetcast compare --db FILE --experiment ID`: the per-run outcomes of a
// stored experiment read back from run_targets and run_trajectories, compared
// with analysis::compare_with_first and stored in the comparisons table
// (docs/scenarios.md, docs/schema.md).
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "store/store.h"

namespace targetcast::store {

// Every scenario's per-run outcomes, in scenario order. Throws StoreError when
// the experiment is absent or not complete, has fewer than two scenarios, or a
// scenario's per-run rows were not stored (simulate --no-per-run).
std::vector<analysis::ScenarioOutcomes> read_outcomes(const Store& store, std::int64_t experiment_id);

// Reads, compares every scenario with the first and stores the comparisons
// (replacing earlier ones of that experiment); returns them.
std::vector<analysis::ScenarioComparison> compare_stored_experiment(const std::string& db_path,
                                                                    std::int64_t experiment_id);

}  // namespace targetcast::store
