#pragma once
// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC,
// docs/model.md §8): Toni et al., "Approximate Bayesian computation scheme
// for parameter inference and model selection in dynamical systems",
// J. R. Soc. Interface 6, 2009; Beaumont, Cornuet, Marin & Robert, "Adaptive
// approximate Bayesian computation", Biometrika 96, 2009 (the perturbation
// kernel: a multivariate normal with twice the weighted particle covariance).
//
// Generation 0 draws the particles from the priors (tolerance ∞). Generation
// t ≥ 1 sets its tolerance ε_t to a quantile (default the median) of the
// previous generation's distances, never below the minimum tolerance; it
// draws θ_j by weight from generation t − 1, perturbs the ACTIVE coordinates
// θ*_A = θ_j,A + L z with L Lᵀ = 2 Σ_A (Σ_A their weighted covariance, Eigen
// LLT), draws the other coordinates afresh from their priors, simulates θ*
// and keeps it when its distance is ≤ ε_t, with weight
//     w* ∝ π_A(θ*_A) / Σ_j w_j K(θ*_A | θ_j,A)
// (π_A the product of the active coordinates' prior densities,
// model::density; the inactive ones are proposed from their priors, so their
// prior densities cancel). This is a valid SMC sampler for ANY choice of the
// active set; the choice only decides its efficiency. A kernel over every
// coordinate fails when most are uninformed: with 40 bounded priors almost
// every perturbation leaves some support, and the importance weights
// degenerate. The active set is chosen once, from generation 0: coordinates
// whose rank correlation with some observation's residual exceeds
// 3/√(N − 1) in absolute value (three standard errors under independence).
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/distribution.h"
#include "model/executor.h"
#include "model/run_context.h"

namespace targetcast::calibration {

struct AbcOptions {
  std::uint32_t particles = 1000;
  int max_generations = 20;
  double min_epsilon = 1.0;      // distance units: 1 = errors of one relative_sd (RMS)
  double min_acceptance = 0.02;  // particles / simulations
  std::uint64_t max_simulations = 2'000'000;
  double quantile = 0.5;  // tolerance = this quantile of the previous generation's distances
  std::uint64_t master_seed = 1;
  int threads = 0;  // 0 = all available
  // Who simulates a round's proposals (model/executor.h): threads here when
  // null; the command line passes its executor (MPI processes under mpirun).
  const model::Executor* executor = nullptr;
};

// What the sampler is told about the problem.
struct AbcModel {
  std::vector<std::string> names;           // coordinates
  std::vector<model::Distribution> priors;  // one per coordinate; none fixed
  std::size_t derived_count = 0;            // values a simulation reports besides its distance
  std::size_t statistics_count = 0;         // residuals per observation, for choosing the active set
  // Simulates coordinates `x` with the random streams of (seed, run), returns
  // the distance and writes `derived` and `statistics`; NaN when the model
  // rules `x` out (it is then outside the prior's support and never accepted).
  // Called from several threads at once.
  std::function<double(std::span<const double> x, std::uint64_t seed, std::uint32_t run, std::span<double> derived,
                       std::span<double> statistics)>
      simulate;
  // Optional: the series of each statistic (statistics_count entries, values
  // < series_count). When given, the statistics are scaled residuals and the
  // distance is their root mean square with each series' squares divided by
  // an inflation adapted every generation (series_inflation); simulate's
  // return value then only rules a proposal out (NaN). docs/calibration.md,
  // "One series cannot swamp the rest".
  std::vector<std::size_t> statistic_series;
  std::size_t series_count = 0;
  bool adaptive() const { return !statistic_series.empty(); }
};

// Quantile of the population used for a series' inflation: a series that at
// least this share of the population reproduces within its stated
// uncertainty keeps its full weight.
inline constexpr double kInflationQuantile = 0.1;

// A weighted population.
struct ParticleSet {
  std::size_t dimension = 0;
  std::size_t derived_count = 0;
  std::vector<double> x;        // size() × dimension, particle-major
  std::vector<double> derived;  // size() × derived_count
  std::vector<double> weights;  // normalised to sum 1
  std::vector<double> distances;
  std::vector<double> statistics;  // size() × statistics count (not stored in the database)
  // Per particle: the random streams of the simulation that accepted it
  // (seed = simulation_seed of its generation, run = its attempt index), so
  // that a forecast can continue that very path (model::PastPath). Empty for
  // a population read back only to warm-start a calibration.
  std::vector<model::RunKey> paths;

  std::size_t size() const { return weights.size(); }
  std::span<const double> particle(std::size_t i) const {
    return std::span<const double>(x).subspan(i * dimension, dimension);
  }
  std::span<const double> derived_of(std::size_t i) const {
    return std::span<const double>(derived).subspan(i * derived_count, derived_count);
  }
  double effective_sample_size() const;
};

struct Generation {
  int index = 0;
  double epsilon = std::numeric_limits<double>::infinity();
  std::uint64_t attempts = 0;     // proposals drawn up to the last accepted one
  std::uint64_t simulations = 0;  // of those, inside the priors' support (so simulated)
  double acceptance_rate = 0.0;   // particles / simulations
  double ess = 0.0;               // effective sample size 1 / Σ w²
  double wall_seconds = 0.0;
  // Per series (AbcModel::adaptive): the factor its squared residuals were
  // divided by in this generation's distance (≥ 1; empty otherwise).
  std::vector<double> inflation;
  ParticleSet particles;
};

enum class StopReason { min_epsilon, max_generations, min_acceptance, max_simulations };

std::string_view to_string(StopReason reason);

// Where a calibration starts from when it refines an earlier one.
struct WarmStart {
  ParticleSet particles;             // the earlier posterior, same coordinates
  std::vector<std::uint8_t> active;  // its active set (1 = perturbed by the kernel)
};

struct AbcResult {
  std::vector<Generation> generations;  // every full generation, in order
  std::vector<std::uint8_t> active;     // per coordinate: 1 = perturbed by the kernel
  StopReason stop = StopReason::max_generations;
  std::uint64_t simulations = 0;  // all simulations run, abandoned generation included
  const Generation& last() const { return generations.back(); }
};

// Called from the calling thread after each full generation.
using GenerationFn = std::function<void(const Generation&)>;

// Runs ABC-SMC. With `start` (an earlier posterior over the same
// coordinates, and its active set), generation 0 proposes the active
// coordinates from the defensive mixture 0.1 · prior + 0.9 · Σ_j w_j
// N(θ_j, 2 Σ_start) (Hesterberg, "Weighted average importance sampling and
// defensive mixture distributions", Technometrics 37, 1995), the others from
// their priors, weights π / q, and sets its tolerance to the quantile of the
// distances of its first `particles` proposals; it thus starts where the
// earlier calibration ended while still targeting the posterior under the
// priors given every observation in `model`. Throws model::Interrupted when
// `stop` becomes true (checked between batches), std::invalid_argument for
// inconsistent inputs.
AbcResult abc_smc(const AbcModel& model, const AbcOptions& options, const WarmStart* start = nullptr,
                  const GenerationFn& on_generation = {}, const std::atomic<bool>* stop = nullptr);

// The active set from a population with statistics: 1 where some statistic's
// Spearman rank correlation with the coordinate exceeds 3/√(N − 1) in
// absolute value.
std::vector<std::uint8_t> screen_active(const ParticleSet& population, std::size_t statistics_count);

// Per series: max(1, the weighted kInflationQuantile-quantile over the rows
// of the series' mean squared statistic). `statistics` holds rows ×
// statistics_count values; `weights` one per row (empty: equal). Rows with a
// non-finite statistic are skipped.
std::vector<double> series_inflation(const AbcModel& m, std::span<const double> statistics,
                                     std::span<const double> weights);

// Root mean square of one row of statistics, series s's squares divided by
// inflation[s].
double inflated_distance(const AbcModel& m, std::span<const double> statistics, std::span<const double> inflation);

// Spearman's rank correlation (average ranks for ties; 0 when either is constant).
double spearman(std::span<const double> a, std::span<const double> b);

// The seed of the model simulations of one generation: SplitMix64 of the
// master seed and the generation, so that generations never share noise.
std::uint64_t simulation_seed(std::uint64_t master_seed, int generation);

// Weighted quantile of values (weights ≥ 0, any sum): the smallest value whose
// cumulative weight reaches p of the total.
double weighted_quantile(std::span<const double> values, std::span<const double> weights, double p);

}  // namespace targetcast::calibration
