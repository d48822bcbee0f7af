#pragma once
// What one run knows besides its state: which run it is, its parameter draw θ
// and the constants derived from θ once per run (docs/model.md §1).
#include <Eigen/Core>
#include <array>
#include <climits>
#include <cstdint>

#include "model/compiled_model.h"
#include "model/parameters.h"
#include "model/rng.h"

namespace targetcast::model {

// The random streams of one run: (seed, run) of every stream it draws.
struct RunKey {
  std::uint64_t seed = 1;
  std::uint32_t run = 0;
};

// A run that continues another run's path: every draw of a year up to and
// including `through_year` comes from the streams of `key` (a calibration
// particle's own simulation), the later years' from the run's own streams.
// Every stream is keyed by the year it is drawn in (model/rng.h), so with the
// same θ and model the continued run reproduces that path exactly up to
// through_year and branches afterwards with fresh draws (docs/model.md §8,
// "Forecasts from a calibration"). through_year = INT_MIN: nothing is continued.
struct PastPath {
  RunKey key;
  int through_year = INT_MIN;
  bool continues() const { return through_year != INT_MIN; }
};

struct RunContext {
  const CompiledModel* model = nullptr;
  std::uint64_t master_seed = 1;
  std::uint32_t run = 0;
  PastPath past;
  Theta theta;

  // Derived once per run.
  Eigen::Matrix3d shock_cholesky = Eigen::Matrix3d::Identity();  // L, Σ = L Lᵀ
  double shock_correlation_shrink = 1.0;  // < 1 when θ's correlations had to be shrunk to be valid
  std::array<double, 3> lag_weights{};    // w_lag1..3
  double log_r_ref = 0.0;

  // The streams that year `year` draws from: the continued path's up to
  // past.through_year, the run's own afterwards.
  RunKey key(int year) const { return year <= past.through_year ? past.key : RunKey{master_seed, run}; }
  CounterStream stream(Stream s, int year, std::uint32_t entity) const {
    const RunKey k = key(year);
    return CounterStream(k.seed, k.run, s, year, entity);
  }
};

// Draws θ for run `run` from the model's priors by inversion (u from the
// parameter stream, keyed by the parameter's name hash).
Theta draw_theta(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run);

// Builds the context: derived constants, and the Cholesky factor of the shock
// covariance. If θ's three correlations do not form a positive-definite
// matrix they are shrunk toward 0 by factors of 0.9 until they do (recorded
// in shock_correlation_shrink; docs/model.md).
RunContext make_context(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run, Theta theta,
                        const PastPath& past = {});

}  // namespace targetcast::model
