#pragma once
// The smallest lever value that reaches a required P(met) (docs/sensitivity.md,
// "solve"): a monotone search on common random numbers, then a confirmation
// run with a fresh master seed. One row of lever_solves, begun 'running' with
// its input files and finished 'complete' (workflow/contract.h).
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/lever_search.h"
#include "model/executor.h"
#include "workflow/analysis_inputs.h"
#include "workflow/contract.h"

namespace targetcast::workflow {

// The search runs candidate after candidate on this process's threads.
inline constexpr Spread kSolveSpread = Spread::one_process;

struct SolveRequest {
  AnalysisInputs analysis;
  std::string target;  // id or indicator id; empty with all_targets
  bool all_targets = false;
  double probability = 0.8;
  std::string lever = "funding_multiplier";
  std::vector<double> range;  // LO HI; empty: the lever's default
  int from_year = 2023;
  std::uint32_t runs = 2000;
  std::uint32_t confirmation_runs = 10000;
  std::uint64_t confirmation_seed = 0;  // 0: the master seed + 1
  double tolerance = 0.01;
  int rounds = 3;  // search rounds at most (analysis/lever_search.h)
  std::string command_line;
};

struct SolveOutcome {
  std::int64_t solve_id = 0;
  model::CompiledModel model;
  analysis::LeverSearchOptions options;
  analysis::LeverSearchResult result;
  double wall_seconds = 0.0;
};

// Throws model::SpecError for bad inputs (nothing written), StoreError for
// database problems, model::Interrupted when `stop` is raised (the solve is
// then marked interrupted).
SolveOutcome run_solve(const SolveRequest& request, const model::Executor& executor,
                       const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
