#pragma once
// What drives each target's odds (docs/sensitivity.md): Sobol indices
// (Saltelli design, Jansen estimators, bootstrap intervals) and a one-at-a-time
// tornado of every uncertain parameter, the lever ranges and the runs' own
// randomness. Each method is one row of sensitivity_analyses, begun 'running'
// with its input files and finished 'complete' (workflow/contract.h).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "model/executor.h"
#include "workflow/analysis_inputs.h"
#include "workflow/contract.h"

namespace targetcast::workflow {

// The design's points may be spread over MPI processes.
inline constexpr Spread kSensitivitySpread = Spread::processes;

struct SensitivityRequest {
  AnalysisInputs analysis;
  std::vector<std::string> targets;  // to show; empty: every target and the joint outcome
  std::string method = "both";       // sobol, tornado or both
  std::size_t samples = 256;         // N of the Saltelli design
  std::size_t tornado_runs = 200;    // runs per tornado setting
  std::size_t bootstrap = 500;
  std::vector<std::string> levers;  // NAME:LO:HI[:YEAR]
  bool no_levers = false;
  int lever_year = 2023;
  std::string command_line;
};

// One method's result and where it was written (id 0 on a process that does
// not write).
template <class Analysis>
struct SensitivityResult {
  std::int64_t id = 0;
  Analysis analysis;
  double wall_seconds = 0.0;
};

struct SensitivityOutcome {
  model::CompiledModel model;
  std::vector<std::size_t> targets;  // to show, model::kNoIndex for the joint outcome
  analysis::SensitivityOptions options;
  int threads = 0;
  std::optional<SensitivityResult<analysis::SobolAnalysis>> sobol;
  std::optional<SensitivityResult<analysis::TornadoAnalysis>> tornado;
};

// Throws model::SpecError for bad inputs (nothing written), StoreError for
// database problems, model::Interrupted when `stop` is raised (the analysis
// running then is marked interrupted; one that finished stays complete).
// `progress` is told of each method's points from 0 again.
SensitivityOutcome run_sensitivity(const SensitivityRequest& request, const model::Executor& executor,
                                   const model::ProgressFn& progress = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::workflow
