#pragma once
// What one run knows besides its state: which run it is, its parameter draw θ
// and the constants derived from θ once per run (docs/model.md §1).
#include <Eigen/Core>
#include <array>
#include <cstdint>

#include "model/compiled_model.h"
#include "model/parameters.h"
#include "model/rng.h"

namespace targetcast::model {

struct RunContext {
  const CompiledModel* model = nullptr;
  std::uint64_t master_seed = 1;
  std::uint32_t run = 0;
  Theta theta;

  // Derived once per run.
  Eigen::Matrix3d shock_cholesky = Eigen::Matrix3d::Identity();  // L, Σ = L Lᵀ
  double shock_correlation_shrink = 1.0;  // < 1 when θ's correlations had to be shrunk to be valid
  std::array<double, 3> lag_weights{};    // w_lag1..3
  double log_r_ref = 0.0;

  CounterStream stream(Stream s, int year, std::uint32_t entity) const {
    return CounterStream(master_seed, run, s, year, entity);
  }
};

// Draws θ for run `run` from the model's priors by inversion (u from the
// parameter stream, keyed by the parameter's name hash).
Theta draw_theta(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run);

// Builds the context: derived constants, and the Cholesky factor of the shock
// covariance. If θ's three correlations do not form a positive-definite
// matrix they are shrunk toward 0 by factors of 0.9 until they do (recorded
// in shock_correlation_shrink; docs/model.md).
RunContext make_context(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run, Theta theta);

}  // namespace targetcast::model
