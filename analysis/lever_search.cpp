#include "analysis/lever_search.h"

#include <cmath>
#include <stdexcept>

#include "analysis/sensitivity.h"
#include "model/summary.h"

namespace targetcast::analysis {
namespace {

LeverCandidate evaluate(const model::CompiledModel& model, const LeverSearchOptions& o, double value,
                        std::uint64_t seed, std::uint32_t runs, const std::atomic<bool>* stop) {
  model::MonteCarloOptions mc;
  mc.master_seed = seed;
  mc.runs = runs;
  mc.threads = o.threads;
  // Every candidate's result is needed here to choose the next: a
  // one-process executor (the solve use case is never spread).
  const model::Executor& executor = o.executor != nullptr ? *o.executor : model::thread_executor();
  const model::ScenarioResults r = executor.simulate(lever_applied(model, o.range, value), mc, {}, stop, {});
  LeverCandidate c;
  c.value = value;
  c.runs = runs;
  c.met = o.target == model::kNoIndex ? r.joint.met : r.targets[o.target].met;
  return c;
}

}  // namespace

LeverSearchResult search_lever(const model::CompiledModel& full_model, const LeverSearchOptions& o,
                               const std::atomic<bool>* stop) {
  const model::CompiledModel model = through_last_deadline(full_model);
  if (const auto problems = check(o.range, full_model); !problems.empty())
    throw std::invalid_argument(problems.front());
  if (o.target != model::kNoIndex && o.target >= model.targets.size()) throw std::invalid_argument("no such target");
  if (!(o.probability > 0.0 && o.probability <= 1.0)) throw std::invalid_argument("the probability must be in (0, 1]");
  if (o.confirmation_seed == o.master_seed) throw std::invalid_argument("the confirmation seed must differ");

  LeverSearchResult res;
  const auto run = [&](double value) {
    res.steps.push_back(evaluate(model, o, value, o.master_seed, o.runs, stop));
    return res.steps.back().probability() >= o.probability;
  };
  double low = o.range.low, high = o.range.high;
  if (run(low)) {
    res.reached = true;
    res.value = low;
  } else if (low < high && run(high)) {
    // Invariant: the estimate at `low` is below the probability, at `high` it reaches it.
    res.reached = true;
    const bool integer = is_integer(o.range.lever);
    while (integer ? high - low > 1.0 : high - low > o.tolerance) {
      const double mid = integer ? std::floor((low + high) / 2.0) : (low + high) / 2.0;
      (run(mid) ? high : low) = mid;
    }
    res.value = high;
  } else {
    res.value = high;
  }
  res.confirmation = evaluate(model, o, res.value, o.confirmation_seed, o.confirmation_runs, stop);
  const model::Interval ci = model::clopper_pearson(res.confirmation.met, res.confirmation.runs);
  res.confirmation_low = ci.low;
  res.confirmation_high = ci.high;
  return res;
}

}  // namespace targetcast::analysis
