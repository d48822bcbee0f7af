#pragma once
// Policy inversion (docs/sensitivity.md, "solve"): the smallest value of a
// lever in a range whose P(met) reaches a required probability.
//
// Every candidate value runs the same runs (same master seed, same run
// indices, so the same θ and the same random draws: common random numbers).
// The estimates at two values then differ only through the lever, so their
// order is the lever's effect and not sampling noise, and a monotone search
// (bisection) on them is stable. The value found is then checked by a
// confirmation run with a different master seed: an estimate that did not
// take part in the search, with its Clopper–Pearson interval.
//
// The search picks the first value whose estimate clears the bar, so that
// estimate is biased upward. When the confirmation's whole interval lies below
// the required probability, the value is too small, and so is every smaller
// one: another round searches above it, on the confirmation's runs (more of
// them, and runs that did not choose the value), and is confirmed with a fresh
// seed again. Likewise when no value reached it but the confirmation at the
// top of the range lies wholly above it. After `rounds` rounds the result says
// it could not confirm.
#include <atomic>
#include <cstdint>
#include <vector>

#include "analysis/policy_lever.h"
#include "model/compiled_model.h"
#include "model/executor.h"
#include "model/monte_carlo.h"

namespace targetcast::analysis {

struct LeverSearchOptions {
  LeverRange range;
  std::size_t target = model::kNoIndex;  // kNoIndex: every target of the plan met (the joint probability)
  double probability = 0.8;              // required P(met)
  std::uint32_t runs = 2000;             // runs per candidate value
  std::uint64_t master_seed = 1;
  std::uint32_t confirmation_runs = 10000;
  std::uint64_t confirmation_seed = 2;  // must differ from master_seed
  double tolerance = 0.01;              // continuous levers: stop when the bracket is this narrow
  int rounds = 3;                       // search rounds at most (a confirmation that falls short starts one)
  int threads = 0;
  // Who runs the candidates (model/executor.h): threads here when null. It
  // must give every result to this process (one process).
  const model::Executor* executor = nullptr;
};

struct LeverCandidate {
  double value = 0.0;
  std::uint64_t seed = 0;  // master seed of the runs
  int round = 1;           // the search round (1 = the first) it belongs to
  std::uint64_t met = 0;
  std::uint64_t runs = 0;
  double probability() const { return runs > 0 ? static_cast<double>(met) / static_cast<double>(runs) : 0.0; }
};

struct LeverSearchResult {
  bool reached = false;               // some value in the range reaches the probability (on the search runs)
  double value = 0.0;                 // the smallest such value; the top of the range when none does
  std::vector<LeverCandidate> steps;  // every value tried, in the order tried, every round
  LeverCandidate confirmation;        // at `value`, with the last round's confirmation seed
  double confirmation_low = 0.0, confirmation_high = 1.0;  // Clopper–Pearson 95%
  int rounds = 1;                                          // search rounds run
  double required = 0.0;                                   // the required probability searched for
  // The last confirmation agrees with the answer: with `reached`, its interval
  // reaches the required probability (its upper end is not below it); without,
  // its interval is not wholly above it. False: the search ran out of rounds.
  bool confirmed = false;
};

// Throws std::invalid_argument for a range the model cannot take (check()).
LeverSearchResult search_lever(const model::CompiledModel& model, const LeverSearchOptions& options,
                               const std::atomic<bool>* stop = nullptr);

}  // namespace targetcast::analysis
