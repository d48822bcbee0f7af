#include "model/executor.h"

#include <cstdint>

namespace targetcast::model {

ScenarioResults ThreadExecutor::simulate(const CompiledModel& model, const MonteCarloOptions& options,
                                         const ProgressFn& progress, const std::atomic<bool>* stop,
                                         const RunSource& run_source) const {
  return model::simulate(model, options, progress, stop, run_source);
}

void ThreadExecutor::evaluate(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                              std::span<const BatchArray> /*arrays*/) const {
  const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (std::int64_t b = 0; b < n; ++b) item(static_cast<std::size_t>(b));
}

const Executor& thread_executor() {
  static const ThreadExecutor executor;
  return executor;
}

}  // namespace targetcast::model
