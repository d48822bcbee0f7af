#include "workflow/compare.h"

#include "model/spec_error.h"
#include "store/scenario_comparison.h"

namespace targetcast::workflow {

std::vector<analysis::ScenarioComparison> compare_stored(const std::string& db_path, std::int64_t experiment_id) {
  return store::compare_stored_experiment(db_path, experiment_id);
}

ExperimentOutcome compare_scenarios(const ExperimentRequest& request, const model::Executor& executor,
                                    const model::ProgressFn& progress, const std::atomic<bool>* stop) {
  if (request.inputs.scenarios.size() < 2) {
    throw model::SpecError(
        model::Problem{"command line", 0, "--scenarios", "give two or more scenario files, the reference first"});
  }
  return run_experiment(request, executor, progress, stop);
}

}  // namespace targetcast::workflow
