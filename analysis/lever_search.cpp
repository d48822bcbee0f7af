#include "analysis/lever_search.h"

#include <algorithm>
#include <cmath>
#include <functional>
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
  c.seed = seed;
  c.runs = runs;
  c.met = o.target == model::kNoIndex ? r.joint.met : r.targets[o.target].met;
  return c;
}

// The confirmation seed of round `round` (0-based): the given one, then the
// next seeds up, never the search's own master seed.
std::uint64_t confirmation_seed(const LeverSearchOptions& o, int round) {
  std::uint64_t seed = o.confirmation_seed;
  for (int r = 0; r < round; ++r) {
    ++seed;
    if (seed == o.master_seed) ++seed;
  }
  return seed;
}

// Bisection between `low` (its estimate below the probability) and `high`
// (reaching it); returns the smallest value tried that reaches it.
double bisect(double low, double high, bool integer, double tolerance, const std::function<bool(double)>& reaches) {
  while (integer ? high - low > 1.0 : high - low > tolerance) {
    const double mid = integer ? std::floor((low + high) / 2.0) : (low + high) / 2.0;
    (reaches(mid) ? high : low) = mid;
  }
  return high;
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
  if (o.rounds < 1) throw std::invalid_argument("at least one search round");

  LeverSearchResult res;
  res.required = o.probability;
  const bool integer = is_integer(o.range.lever);
  std::uint64_t seed = o.master_seed;
  std::uint32_t runs = o.runs;
  // What the current round's runs already say: the value at `low` falls short
  // on them, the top of the range reaches the probability on them.
  double low = o.range.low;
  bool low_fails = false, high_reaches = false;
  for (int round = 1; round <= o.rounds; ++round) {
    const auto reaches = [&](double value) {
      res.steps.push_back(evaluate(model, o, value, seed, runs, stop));
      res.steps.back().round = round;
      return res.steps.back().probability() >= o.probability;
    };
    res.rounds = round;
    if (!low_fails && reaches(low)) {
      res.reached = true;
      res.value = low;
    } else if (low < o.range.high && (high_reaches || reaches(o.range.high))) {
      res.reached = true;
      res.value = bisect(low, o.range.high, integer, o.tolerance, reaches);
    } else {
      res.reached = false;
      res.value = o.range.high;
    }
    const std::uint64_t fresh = confirmation_seed(o, round - 1);
    res.confirmation = evaluate(model, o, res.value, fresh, o.confirmation_runs, stop);
    res.confirmation.round = round;
    const model::Interval ci = model::clopper_pearson(res.confirmation.met, res.confirmation.runs);
    res.confirmation_low = ci.low;
    res.confirmation_high = ci.high;
    // Agreement: a value found whose interval reaches the probability, or a
    // range whose top has an interval not wholly above it.
    res.confirmed = res.reached ? ci.high >= o.probability : ci.low < o.probability;
    if (res.confirmed || round == o.rounds) break;
    // The fresh runs contradict the search. Either the value found falls short
    // (and so does every smaller one): search above it; or the top of the
    // range does reach it after all: search below it. The next round runs on
    // the confirmation's runs, where that contradiction is its first step.
    res.steps.push_back(res.confirmation);
    res.steps.back().round = round + 1;
    low_fails = res.reached;
    high_reaches = !res.reached;
    if (res.reached) low = res.value;
    seed = fresh;
    runs = o.confirmation_runs;
  }
  return res;
}

}  // namespace targetcast::analysis
