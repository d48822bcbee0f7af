#pragma once
// What drives the odds (docs/sensitivity.md): Sobol indices and a tornado of
// the model's uncertain inputs for each target.
//
// Inputs, in this order: every parameter whose prior is not a single value
// (the compiled model's, i.e. after region and scenario overrides), every
// policy lever given a range (analysis/policy_lever.h), and the run's own
// randomness ("intrinsic": given θ the model is still stochastic; its run index
// keys every draw inside the run). A row of matrix A runs with run index j, a
// row of B with N + j; A_B^i keeps A's run index unless i is the intrinsic
// input. The intrinsic input's indices say how much of the spread no lever or
// better knowledge of θ can remove.
//
// Outputs per target: (a) ln(1 + indicator at the deadline) (indicators are
// counts and sums of revenue ≥ 0 with heavy right tails; the log keeps a few
// runaway runs from owning the variance) and (b) 1{met}, whose variance is
// P(1 − P): its indices are shares of the variance of the met/not-met outcome
// that P(met) averages; also 1{every target met} for the plan as a whole.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "analysis/policy_lever.h"
#include "analysis/sobol.h"
#include "model/compiled_model.h"
#include "model/executor.h"
#include "model/monte_carlo.h"

namespace targetcast::analysis {

enum class InputKind { parameter, lever, intrinsic };

std::string_view to_string(InputKind kind);

struct SensitivityInput {
  std::string name;
  InputKind kind = InputKind::parameter;
  std::size_t parameter = model::kNoIndex;  // parameter: index into the model's parameters
  std::size_t lever = model::kNoIndex;      // lever: index into the ranges
  // The value at design point u ∈ (0, 1): the prior's quantile, or the lever's range.
  double value_at(const model::CompiledModel& model, std::span<const LeverRange> levers, double u) const;
};

// The inputs of `model` with the given lever ranges, in the order above.
std::vector<SensitivityInput> sensitivity_inputs(const model::CompiledModel& model, std::span<const LeverRange> levers);

struct SensitivityOptions {
  std::uint64_t master_seed = 1;
  std::size_t samples = 256;    // N of the Saltelli design (sobol) / runs per setting (tornado)
  std::size_t bootstrap = 500;  // resamples for the intervals
  int threads = 0;              // 0 = all available
  // Who runs the design's points (model/executor.h): threads here when null;
  // the command line passes its executor (MPI processes under mpirun).
  const model::Executor* executor = nullptr;
};

// Indices of one target (or, with target = kNoIndex, of "every target met").
struct TargetSobol {
  std::size_t target = model::kNoIndex;
  SobolResult value;  // ln(1 + indicator at the deadline); empty for the joint outcome
  SobolResult met;    // 1{met}
};

struct SobolAnalysis {
  std::vector<SensitivityInput> inputs;
  std::vector<TargetSobol> targets;  // the model's targets in order, then the joint outcome
  std::size_t evaluations = 0;       // model runs: N · (inputs + 2)
};

// Runs the Saltelli design on `model` and estimates every target's indices.
// Results are bit-identical for any thread count. `stop` is polled between
// runs (throws Interrupted).
SobolAnalysis sobol_analysis(const model::CompiledModel& model, std::span<const LeverRange> levers,
                             const SensitivityOptions& options, const model::ProgressFn& progress = {},
                             const std::atomic<bool>* stop = nullptr);

// One-at-a-time around a centre: each parameter at its 5% and 95% prior
// quantile, each lever at the ends of the range asked for (a lever is a
// choice, not an uncertainty: its ends are the question), every other input
// at the centre; every setting runs the same run indices 0..N−1 with the same
// master seed (common random numbers).
//
// The centre is one world: every parameter at its prior median, every lever
// at its neutral value (the scenario as it is: ×1, no new parks) when its
// range holds it, else at the range's midpoint. The headline P(met) of
// `simulate` averages over the priors instead, which differs whenever the
// outcome is not linear in the parameters (a threshold never is): so the
// tornado also runs the same runs with θ drawn from the priors as `simulate`
// draws it, levers at the centre ("drawn"), to show the two side by side.
struct TornadoBar {
  std::size_t input = 0;
  double input_low = 0.0, input_high = 0.0;              // parameter: 5% and 95% quantile; lever: the range's ends
  double probability_low = 0.0, probability_high = 0.0;  // P(met) with the input there
  double median_low = 0.0, median_high = 0.0;            // median indicator at the deadline with the input there
};

struct TargetTornado {
  std::size_t target = model::kNoIndex;  // kNoIndex: every target met (medians NaN)
  double probability = 0.0;              // at the centre
  double median = 0.0;
  double probability_drawn = 0.0;  // θ drawn from the priors, levers at the centre
  double median_drawn = 0.0;
  std::vector<TornadoBar> bars;  // in input order
};

struct TornadoAnalysis {
  std::vector<SensitivityInput> inputs;
  std::vector<double> lever_centre;    // each lever's value at the centre
  std::size_t runs = 0;                // per setting (2 · inputs + 2 settings)
  std::vector<TargetTornado> targets;  // the model's targets in order, then the joint outcome
};

// A lever's value at the tornado's centre: neutral when the range holds it.
double tornado_centre(const LeverRange& lever);
// The values of input `in` at the tornado's low and high ends.
std::pair<double, double> tornado_ends(const model::CompiledModel& model, std::span<const LeverRange> levers,
                                       const SensitivityInput& in);

TornadoAnalysis tornado_analysis(const model::CompiledModel& model, std::span<const LeverRange> levers,
                                 const SensitivityOptions& options, const model::ProgressFn& progress = {},
                                 const std::atomic<bool>* stop = nullptr);

// The model cut at the last deadline of its targets: the years after it
// cannot change any target's outcome, so sensitivity and solve skip them.
model::CompiledModel through_last_deadline(const model::CompiledModel& model);

}  // namespace targetcast::analysis
